import { LOINC, NUTS_SYSTEM, TASK_CODE, UCUM, ZIB } from './profiles.js';

/** A resource we create at a source: the source gives it its id. */
export interface NewResource {
  resourceType: string;
  [element: string]: unknown;
}

/** The guide's time-registration profile and the region's hour types (uursoorten). */
export const TIME_CHARGE_ITEM = 'http://nuts.nl/fhir/StructureDefinition/nl-time-charge-item';
export const HOUR_TYPE_SYSTEM = 'https://nuts.nl/fhir/CodeSystem/anw-uursoort';

/** A party by its Nuts DID when it has one, else by name alone. */
export interface Party {
  did: string | null;
  name: string;
}
const party = (p: Party) => ({ ...(p.did ? { identifier: { system: NUTS_SYSTEM, value: p.did } } : {}), display: p.name });

/**
 * The authorization request we send as Regisseur: our nurse (the recipient, as the Zorgverlener's
 * employee list names them), the client at the source, the source organisation as the data owner.
 */
export function authorizationTask(input: { remotePatientId: string; patientName: string; regisseur: Party; source: Party; accessor: Party; nurse: { id: string; name: string }; start: Date; end: Date }): NewResource {
  return {
    resourceType: 'Task',
    meta: { profile: [ZIB.authorizationRequest] },
    status: 'requested',
    intent: 'order',
    code: { coding: [{ code: TASK_CODE.authorization }] },
    for: { reference: `Patient/${input.remotePatientId}`, display: input.patientName },
    authoredOn: input.start.toISOString(),
    requester: { agent: party(input.regisseur), onBehalfOf: party(input.source) },
    owner: party(input.accessor),
    restriction: { period: { start: input.start.toISOString(), end: input.end.toISOString() }, recipient: [{ reference: `Practitioner/${input.nurse.id}`, display: input.nurse.name }] },
  };
}

/** LOINC's nurse note for a visit report; its nurse transfer note for what the morning handover passes on. */
const REPORT_CODES = { visit: { code: '34746-8', display: 'Nurse Note' }, handover: { code: '28651-8', display: 'Nurse Transfer note' } } as const;

/** Our nurse's visit report, or its follow-up for the day team (the morning handover), as the nursing report the guide asks to write back. */
export function nursingReport(input: { remotePatientId: string; nurse: { id: string; name: string }; writtenAt: Date; text: string; handover?: boolean }): NewResource {
  return {
    resourceType: 'Observation',
    meta: { profile: [ZIB.nursingReport] },
    status: 'final',
    code: { coding: [{ system: LOINC, ...REPORT_CODES[input.handover ? 'handover' : 'visit'] }] },
    subject: { reference: `Patient/${input.remotePatientId}` },
    effectiveDateTime: input.writtenAt.toISOString(),
    performer: [{ reference: `Practitioner/${input.nurse.id}`, display: input.nurse.name }],
    valueString: input.text,
  };
}

/**
 * The time of a visit as an `nl-time-charge-item` (STU3 ChargeItem). The guide's example spells
 * `occurence`; the element is `occurrence[x]`, so the end of the work goes in `occurrenceDateTime`.
 * The minutes are the visit report's minutes on site, the same figure our cost statement charges.
 */
export function timeChargeItem(input: { remotePatientId: string; nurse: { id: string; name: string }; minutes: number; endedAt: Date; enteredAt: Date; performing: Party; requesting: Party; hourType: { code: string; display?: string } }): NewResource {
  return {
    resourceType: 'ChargeItem',
    meta: { profile: [TIME_CHARGE_ITEM] },
    status: 'billable',
    code: { coding: [{ system: HOUR_TYPE_SYSTEM, code: input.hourType.code, ...(input.hourType.display ? { display: input.hourType.display } : {}) }] },
    subject: { reference: `Patient/${input.remotePatientId}` },
    occurrenceDateTime: input.endedAt.toISOString(),
    participant: [{ role: { coding: [{ system: 'http://hl7.org/fhir/participant-role', code: 'performer' }] }, actor: { reference: `Practitioner/${input.nurse.id}`, display: input.nurse.name } }],
    performingOrganization: party(input.performing),
    requestingOrganization: party(input.requesting),
    quantity: { value: input.minutes, system: UCUM, code: 'min' },
    enteredDate: input.enteredAt.toISOString(),
  };
}

/** The hour type to book: NORMAL when the source supports it (its `$expand`), else the first it lists. */
export function hourTypeFrom(valueSet: unknown): { code: string; display?: string } | undefined {
  const contains = (valueSet as { expansion?: { contains?: { system?: string; code?: string; display?: string }[] } } | undefined)?.expansion?.contains ?? [];
  const ours = contains.filter((c) => c.system === HOUR_TYPE_SYSTEM && typeof c.code === 'string');
  const pick = ours.find((c) => c.code === 'NORMAL') ?? ours[0];
  return pick?.code ? { code: pick.code, ...(pick.display ? { display: pick.display } : {}) } : undefined;
}
