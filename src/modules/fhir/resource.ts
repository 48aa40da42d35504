/**
 * The small slice of FHIR R4 this module writes. Full generated types would be a dependency
 * (@medplum/fhirtypes) for a handful of shapes; validateResource in the tests checks each against the
 * R4 base definitions instead.
 */
export interface Reference {
  reference: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: { system: string; code: string; display?: string }[];
  text?: string;
}

export interface Resource {
  resourceType: string;
  id: string;
  meta?: { lastUpdated?: string; profile?: string[] };
  [element: string]: unknown;
}

/** Where our own identifiers live: one naming system per kind of id, under the platform's address. */
export const SYSTEM = {
  client: 'https://samenzorg.nl/fhir/sid/client',
  clientNumber: (organisationId: string) => `https://samenzorg.nl/fhir/sid/client-number/${organisationId}`,
  alarmAccount: 'https://samenzorg.nl/fhir/sid/alarm-account',
  organisation: 'https://samenzorg.nl/fhir/sid/organisation',
  staff: 'https://samenzorg.nl/fhir/sid/staff',
  incident: 'https://samenzorg.nl/fhir/sid/incident',
  plannedVisit: 'https://samenzorg.nl/fhir/sid/planned-visit',
  risk: 'https://samenzorg.nl/fhir/CodeSystem/night-risk',
  role: 'https://samenzorg.nl/fhir/CodeSystem/staff-role',
  organisationKind: 'https://samenzorg.nl/fhir/CodeSystem/organisation-kind',
  visitAction: 'https://samenzorg.nl/fhir/CodeSystem/visit-action',
  offerType: 'https://samenzorg.nl/fhir/CodeSystem/respite-offer-type',
} as const;

export const ref = (resourceType: string, id: string, display?: string): Reference => ({ reference: `${resourceType}/${id}`, ...(display ? { display } : {}) });

/** FHIR instants carry a zone; ours are UTC. */
export const instant = (at: Date) => at.toISOString();
