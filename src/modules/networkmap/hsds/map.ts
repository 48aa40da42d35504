import { createHash } from 'node:crypto';
import type { PublicInitiative } from '../schemas.js';

/**
 * HSDS 3 (Open Referral) from our initiatives, pure: an initiative is a `service`, its palliative-care
 * network the `organization`, its municipality the `service_area`, its place a `location`. What HSDS has
 * no field for (themes, target groups, stage, partners, links, films, files, start) travels as
 * `attributes` with a taxonomy of our own, so an export re-imports to the same initiative. Contacts
 * appear only with consent, as on the public pages.
 */
export const TAXONOMY = 'https://samenzorg.nl/taxonomies/networkmap';

/** A stable UUID (RFC 4122 version-5 layout over SHA-1) for objects HSDS wants an id for and we keep none. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** HSDS service status from the initiative's stage: an idea or a start is not running yet. */
const STATUS = { idea: 'inactive', starting: 'inactive', running: 'active', stopped: 'defunct' } as const;

export type AttributeKind = 'theme' | 'target_group' | 'stage' | 'partner' | 'link' | 'film' | 'file' | 'started_on' | 'fictional' | 'place';

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  value: string;
  taxonomy_term: { id: string; code: string; name: string; description: string; taxonomy: string };
}

function attribute(serviceId: string, kind: AttributeKind, code: string, value = code): HsdsAttribute {
  const termId = derivedId('term', kind, code);
  return {
    id: derivedId('attribute', serviceId, kind, code, value), link_id: serviceId, link_type: kind, link_entity: 'service', taxonomy_term_id: termId, value,
    taxonomy_term: { id: termId, code, name: code, description: kind, taxonomy: `${TAXONOMY}/${kind}` },
  };
}

export function hsdsOrganization(network: { id: string; name: string; municipalities: string[] }) {
  return { id: network.id, name: network.name, description: network.municipalities.join(', ') };
}

/** The one-to-one fields: what `/services` lists (HSDS `service_list`). */
export function hsdsServiceSummary(i: PublicInitiative, lastModified: Date) {
  return {
    id: i.id, organization_id: i.network.id, name: i.title, description: i.summary, status: STATUS[i.stage],
    ...(i.links[0] ? { url: i.links[0] } : {}), ...(i.contact ? { email: i.contact.email } : {}),
    ...(i.lastVerifiedOn ? { assured_date: i.lastVerifiedOn } : {}), last_modified: lastModified.toISOString(),
  };
}

/** The fully nested service of `/services/{id}` and the export. */
export function hsdsService(i: PublicInitiative, lastModified: Date, organization: ReturnType<typeof hsdsOrganization>) {
  const locationId = derivedId('location', i.id);
  const attributes = [
    ...i.themes.map((t) => attribute(i.id, 'theme', t)),
    ...i.targetGroups.map((t) => attribute(i.id, 'target_group', t)),
    attribute(i.id, 'stage', i.stage),
    ...i.partners.map((p) => attribute(i.id, 'partner', p.kind, p.name)),
    ...i.links.map((l) => attribute(i.id, 'link', 'link', l)),
    ...i.films.map((l) => attribute(i.id, 'film', 'film', l)),
    ...i.files.map((l) => attribute(i.id, 'file', 'file', l)),
    ...(i.startedOn ? [attribute(i.id, 'started_on', 'started_on', i.startedOn)] : []),
    ...(i.place ? [attribute(i.id, 'place', 'place', i.place)] : []),
    ...(i.fictional ? [attribute(i.id, 'fictional', 'fictional', 'true')] : []),
  ];
  return {
    ...hsdsServiceSummary(i, lastModified),
    organization,
    service_areas: [{ id: derivedId('area', i.id, i.municipality.id), service_id: i.id, name: i.municipality.name, extent_type: 'municipality' }],
    service_at_locations:
      i.latitude !== null && i.longitude !== null
        ? [{ id: derivedId('service_at_location', i.id), service_id: i.id, location_id: locationId, location: { id: locationId, location_type: 'physical' as const, name: i.place || i.municipality.name, latitude: i.latitude, longitude: i.longitude } }]
        : [],
    contacts: i.contact
      ? [{ id: derivedId('contact', i.id), service_id: i.id, name: i.contact.name, email: i.contact.email, phones: i.contact.phone ? [{ id: derivedId('phone', i.id), number: i.contact.phone }] : [] }]
      : [],
    attributes,
  };
}
export type HsdsService = ReturnType<typeof hsdsService>;
