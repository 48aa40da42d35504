import { ZIB } from './profiles.js';

/**
 * The guide's closed list of requests ("Endpoints voor data overdracht" and "Endpoints voor data
 * regisseur"): each call uses exactly these parameters and no others, because the credential check is
 * done on the request as written, so an `_include` or a wider `_count` would carry out more than was
 * granted. `{patient}` stands for the client's id (`Patient/<id>` or the bare id).
 */
export type FixedQueryName =
  | 'client_list'
  | 'employee_list'
  | 'patient'
  | 'blood_pressure'
  | 'pulse_rate'
  | 'body_temperature'
  | 'body_height'
  | 'body_weight'
  | 'respiration'
  | 'nursing_report'
  | 'living_situation'
  | 'alerts'
  | 'advance_directives'
  | 'allergies';

interface FixedQueryDefinition {
  name: FixedQueryName;
  resourceType: string;
  params: Record<string, string>;
}

const PATIENT = '{patient}';
const lastFive = (name: FixedQueryName, profile: string, count = '5'): FixedQueryDefinition => ({
  name,
  resourceType: 'Observation',
  params: { patient: PATIENT, _profile: profile, _sort: '-date', _count: count },
});

export const FIXED_QUERIES: readonly FixedQueryDefinition[] = [
  { name: 'client_list', resourceType: 'Patient', params: { _query: 'ANW-zorg' } },
  { name: 'employee_list', resourceType: 'Practitioner', params: { _query: 'ANW-zorg' } },
  { name: 'patient', resourceType: 'Patient', params: { _id: PATIENT, _include: 'Patient:general-practitioner', '_include:iterate': 'PractitionerRole:organization' } },
  lastFive('blood_pressure', ZIB.bloodPressure),
  lastFive('pulse_rate', ZIB.pulseRate),
  lastFive('body_temperature', ZIB.bodyTemperature),
  lastFive('body_height', ZIB.bodyHeight),
  lastFive('body_weight', ZIB.bodyWeight),
  lastFive('respiration', ZIB.respiration),
  lastFive('nursing_report', ZIB.nursingReport, '10'),
  { name: 'living_situation', resourceType: 'Observation', params: { patient: PATIENT, _profile: ZIB.livingSituation } },
  { name: 'alerts', resourceType: 'Flag', params: { patient: PATIENT, _profile: ZIB.alert } },
  { name: 'advance_directives', resourceType: 'Consent', params: { patient: PATIENT, _profile: ZIB.advanceDirective } },
  { name: 'allergies', resourceType: 'AllergyIntolerance', params: { patient: PATIENT, _profile: ZIB.allergyIntolerance } },
];

/** The count each query answers with at most (the guide's Count column); the others answer all. */
export const countOf = (name: FixedQueryName): number | undefined => {
  const count = FIXED_QUERIES.find((q) => q.name === name)?.params._count;
  return count ? Number(count) : undefined;
};

export type FixedQueryMatch = { ok: true; name: FixedQueryName; clientId?: string } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query string as Fastify parses it: a repeated parameter is an array. */
export type QueryParams = Record<string, string | string[] | undefined>;

/**
 * Which listed request this is, or why it is none: the parameter names must be exactly those of one
 * entry (none missing, none extra, none repeated) and each value the listed one. Pure.
 */
export function matchFixedQuery(resourceType: string, query: QueryParams): FixedQueryMatch {
  const asked = Object.entries(query).filter(([, v]) => v !== undefined);
  const repeated = asked.find(([, v]) => Array.isArray(v));
  if (repeated) return { ok: false, reason: `The parameter ${repeated[0]} is given more than once` };
  const values = new Map(asked as [string, string][]);
  const candidates = FIXED_QUERIES.filter((q) => q.resourceType === resourceType);
  if (candidates.length === 0) return { ok: false, reason: `No query on ${resourceType} is in the ANW query list` };
  for (const candidate of candidates) {
    const names = Object.keys(candidate.params);
    if (names.length !== values.size || !names.every((n) => values.has(n))) continue;
    let clientId: string | undefined;
    const fits = names.every((n) => {
      const expected = candidate.params[n];
      const value = values.get(n) ?? '';
      if (expected !== PATIENT) return value === expected;
      clientId = value.replace(/^Patient\//, '');
      return UUID.test(clientId);
    });
    if (fits) return { ok: true, name: candidate.name, ...(clientId ? { clientId } : {}) };
  }
  return { ok: false, reason: `Only the ANW query list is answered: ${resourceType}?${[...values.keys()].join('&')} is not one of its requests (no other parameters, no _include)` };
}
