import type { InitiativePartner, InitiativeStage } from '../tables.js';
import { stages } from '../schemas.js';

/** An HSDS service as the schema allows it: everything beyond id, name and status may be missing. */
export interface HsdsServiceIn {
  id: string;
  name: string;
  organization_id?: string;
  description?: string;
  last_modified?: string;
  assured_date?: string;
  attributes?: { link_type?: string; value?: string; taxonomy_term?: { code?: string } }[];
  contacts?: { name?: string; email?: string; phones?: { number: string }[] }[];
  service_at_locations?: { location?: { latitude?: number; longitude?: number } }[];
  service_areas?: { name?: string }[];
}

const isStage = (value: string | undefined): value is InitiativeStage => (stages as readonly (string | undefined)[]).includes(value);

/** The inverse of map.ts: an HSDS service (already schema-valid) as our initiative's columns. */
export function fromHsds(s: HsdsServiceIn, now: Date) {
  const attributes = s.attributes ?? [];
  const values = (kind: string) => attributes.filter((a) => a.link_type === kind).map((a) => a.value ?? '');
  const contact = s.contacts?.[0];
  const location = s.service_at_locations?.[0]?.location;
  const partners: InitiativePartner[] = attributes.filter((a) => a.link_type === 'partner').map((a) => ({ name: a.value ?? '', kind: a.taxonomy_term?.code ?? 'other' }));
  const stage = values('stage')[0];
  return {
    id: s.id,
    networkId: s.organization_id ?? '',
    municipality: s.service_areas?.[0]?.name ?? '',
    partners,
    lastModified: s.last_modified ? new Date(s.last_modified) : now,
    columns: {
      title: s.name, summary: s.description ?? '', place: values('place')[0] ?? '', themes: values('theme'), target_groups: values('target_group'),
      stage: isStage(stage) ? stage : 'running', started_on: values('started_on')[0] ?? null, links: values('link'), films: values('film'), files: values('file'),
      contact_name: contact?.name ?? '', contact_email: contact?.email ?? '', contact_phone: contact?.phones?.[0]?.number ?? '', contact_publish: contact !== undefined,
      latitude: location?.latitude ?? null, longitude: location?.longitude ?? null, last_verified_on: s.assured_date ?? null, fictional: values('fictional')[0] === 'true',
    },
  };
}
