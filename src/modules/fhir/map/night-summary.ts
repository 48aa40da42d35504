import type { NightSummaryView } from '../../clients/index.js';
import { instant, ref, SYSTEM, type Resource } from '../resource.js';

/** A FHIR id allows letters, digits, '-' and '.': the risk code's underscores become dashes. */
const riskId = (clientId: string, risk: string) => `${clientId}-${risk.replaceAll('_', '-')}`;
export const allergyId = (clientId: string) => `${clientId}-allergies`;

/** Each night risk (fall risk, dementia, ...) is one active Flag on the client: what a nurse must know at the door. */
export function flagsOf(c: NightSummaryView): Resource[] {
  return c.nightSummary.risks.map((risk) => ({
    resourceType: 'Flag',
    id: riskId(c.id, risk),
    // Parts of the client record: they change with it.
    meta: { lastUpdated: instant(c.updatedAt) },
    status: 'active',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'clinical', display: 'Clinical' }] }],
    code: { coding: [{ system: SYSTEM.risk, code: risk }], text: risk.replaceAll('_', ' ') },
    subject: ref('Patient', c.id),
  }));
}

/**
 * The allergies are one free text in our record, so one AllergyIntolerance with that text and no code:
 * inventing codes from free text would claim more than we know.
 */
export function allergiesOf(c: NightSummaryView): Resource[] {
  const text = c.nightSummary.allergies.trim();
  if (!text) return [];
  return [
    {
      resourceType: 'AllergyIntolerance',
      id: allergyId(c.id),
      meta: { lastUpdated: instant(c.updatedAt) },
      // R4 ait-1: a clinical status is required unless the entry was entered in error.
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { text },
      patient: ref('Patient', c.id),
    },
  ];
}

/** The client a Flag or AllergyIntolerance id belongs to (ids are `<client uuid>-<suffix>`). */
export const clientOfDerivedId = (id: string): string | undefined => /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[a-z.-]+$/.exec(id)?.[1];
