import { describe, expect, it } from 'vitest';
import { anwJson } from '../../../../test/support/anw.js';
import { validateR4 } from '../../../../test/support/fhir.js';
import type { NightSummaryView } from '../../clients/index.js';
import { houseAccessLocation } from './bundle.js';
import { anwAdvanceDirectives, anwAlerts, anwAllergies, anwPatientOfNightSummary } from './client.js';
import { FIXED_QUERIES, matchFixedQuery } from './fixed-queries.js';
import { anwObservation, parseObservation } from './observation.js';
import { ZIB } from './profiles.js';
import { parseAuthorizationTask } from './task.js';

const CLIENT = '7d7e1c52-5a35-4a4a-9a55-0c8f1f0e2a11';
const NURSE = '0b7f4a5e-1c1d-4f7e-9d2f-5b1f3c7e9a01';
const now = new Date('2026-12-05T01:00:00Z');

const view: NightSummaryView = {
  id: CLIENT,
  givenName: 'Jantje',
  familyName: 'Bakker',
  dateOfBirth: '1938-03-14',
  street: 'Hoofdstraat',
  houseNumber: '12',
  postcode: '7811AB',
  city: 'Emmen',
  alarmAccount: null,
  cprMasked: null,
  updatedAt: now,
  organisationId: 'b1f3c7e9-1c1d-4f7e-9d2f-5b1f3c7e9a01',
  organisationName: 'Home care',
  ownOrganisation: false,
  nightCareScope: ['district_nursing'],
  latitude: null,
  longitude: null,
  phone: '0591123456',
  gpName: 'Dr. Jansen',
  gpPhone: '0591654321',
  hasKeySafe: true,
  keySafeLocation: 'Left of the door',
  nightSummary: { risks: ['fall_risk', 'dementia'], allergies: 'Penicillin', medication: '', wishes: 'No resuscitation', instructions: '' },
  contacts: [{ id: 'c1', name: 'Marieke', relation: 'daughter', phone: '+31612345678', informalCaregiver: true }],
  accessBasis: 'assignment',
};

/** The guide's Task examples with their placeholders filled in, as a Regisseur would send them. */
function example(file: string): Record<string, unknown> {
  const raw = JSON.stringify(anwJson(`examples-extracted/${file}`))
    .replaceAll('{patientId}', CLIENT)
    .replaceAll('{practitioner with access Id}', NURSE)
    .replace(/\{DID [^}]*\}/g, 'did:nuts:example');
  return JSON.parse(raw) as Record<string, unknown>;
}

describe('the fixed query list', () => {
  it('recognises every request of the guide exactly as written', () => {
    for (const q of FIXED_QUERIES) {
      const params = Object.fromEntries(Object.entries(q.params).map(([k, v]) => [k, v === '{patient}' ? `Patient/${CLIENT}` : v]));
      expect(matchFixedQuery(q.resourceType, params)).toMatchObject({ ok: true, name: q.name });
    }
  });

  it('refuses an extra parameter, a missing one, a repeated one, another value and a type off the list', () => {
    const flag = { patient: CLIENT, _profile: ZIB.alert };
    expect(matchFixedQuery('Flag', flag)).toEqual({ ok: true, name: 'alerts', clientId: CLIENT });
    expect(matchFixedQuery('Flag', { ...flag, _include: 'Flag:author' }).ok).toBe(false);
    expect(matchFixedQuery('Flag', { patient: CLIENT }).ok).toBe(false);
    expect(matchFixedQuery('Flag', { ...flag, patient: [CLIENT, CLIENT] }).ok).toBe(false);
    expect(matchFixedQuery('Flag', { ...flag, patient: 'Patient/not-a-uuid' }).ok).toBe(false);
    expect(matchFixedQuery('Observation', { patient: CLIENT, _profile: ZIB.nursingReport, _sort: '-date', _count: '100' }).ok).toBe(false);
    expect(matchFixedQuery('Encounter', { patient: CLIENT }).ok).toBe(false);
  });
});

describe('the authorization Task', () => {
  it('reads the guide\'s example (status missing upstream, read as requested) with its parties, nurse and period', () => {
    const task = example('task-authorization-request.json');
    const parsed = parseAuthorizationTask(task, new Date('2024-01-24T00:00:00Z'));
    expect(parsed).toEqual({
      ok: true,
      request: {
        kind: 'authorization',
        clientId: CLIENT,
        authorizer: { did: 'did:nuts:example' },
        accessor: { did: 'did:nuts:example' },
        practitionerId: NURSE,
        period: { start: new Date('2024-01-23T13:23:42.226Z'), end: new Date('2024-01-26T13:23:42.229Z') },
        reason: '{optional user input of the regisseur}',
      },
    });
  });

  it('refuses a Task whose period has passed, with no nurse, or with two', () => {
    const task = example('task-authorization-request.json');
    expect(parseAuthorizationTask(task, now)).toMatchObject({ ok: false, issues: [{ path: 'Task.restriction.period' }] });
    const restriction = task.restriction as Record<string, unknown>;
    const twoNurses = { ...task, restriction: { ...restriction, recipient: [{ reference: `Practitioner/${NURSE}` }, { reference: `Practitioner/${NURSE}` }] } };
    expect(parseAuthorizationTask(twoNurses, new Date('2024-01-24T00:00:00Z'))).toMatchObject({ ok: false, issues: [{ path: 'Task.restriction.recipient' }] });
  });

  it('reads the BTG example as break the glass and refuses it without a reason', () => {
    const btg = example('task-btg-authorization-request.json');
    const at = new Date('2024-01-24T00:00:00Z');
    const parsed = parseAuthorizationTask({ ...btg, reason: { text: 'Client fell, home organisation unreachable' } }, at);
    expect(parsed).toMatchObject({ ok: true, request: { kind: 'break_the_glass', reason: 'Client fell, home organisation unreachable' } });
    expect(parseAuthorizationTask({ ...btg, reason: undefined }, at)).toMatchObject({ ok: false, issues: [{ path: 'Task.reason.text' }] });
  });
});

describe('the STU3 shapes of our client', () => {
  it('maps the night summary onto nl-core-patient with the GP as a display and the contacts', () => {
    const patient = anwPatientOfNightSummary(view);
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      meta: { profile: [ZIB.patient] },
      name: [{ family: 'Bakker', given: ['Jantje'] }],
      telecom: [{ system: 'phone', value: '0591123456' }],
      generalPractitioner: [{ display: 'Dr. Jansen (0591654321)' }],
      contact: [{ relationship: [{ text: 'daughter' }], name: { text: 'Marieke' } }],
    });
  });

  it('gives each risk a zib-Alert Flag, the allergies an unconfirmed AllergyIntolerance and the wishes an AdvanceDirective Consent', () => {
    expect(anwAlerts(view).map((f) => (f.code as { coding: { code: string }[] }).coding[0]!.code)).toEqual(['fall_risk', 'dementia']);
    expect(anwAllergies(view)[0]).toMatchObject({ clinicalStatus: 'active', verificationStatus: 'unconfirmed', code: { text: 'Penicillin' } });
    expect(anwAdvanceDirectives(view)[0]).toMatchObject({ status: 'active', policyRule: 'https://wetten.overheid.nl/BWBR0005290', extension: [{ valueString: 'No resuscitation' }] });
    const empty = { ...view, nightSummary: { ...view.nightSummary, allergies: ' ', wishes: '' } };
    expect(anwAllergies(empty)).toEqual([]);
    expect(anwAdvanceDirectives(empty)).toEqual([]);
  });

  it('answers the house access as the guide\'s Location, valid as R4 like the guide\'s own example', () => {
    const location = houseAccessLocation(CLIENT, { location: 'Left of the door', code: '4321' });
    expect(location.description).toBe('Left of the door: 4321');
    validateR4(location);
    validateR4(anwJson('examples-extracted/location-woningtoegang.json'));
  });
});

describe('written-back observations', () => {
  const base = { resourceType: 'Observation', status: 'final', subject: { reference: `Patient/${CLIENT}` }, effectiveDateTime: '2026-12-05T00:30:00Z' };

  it('reads a nursing report and a temperature, and answers them back in their profiles', () => {
    const report = parseObservation({ ...base, meta: { profile: [ZIB.nursingReport] }, valueString: ' Slept well ' });
    expect(report).toEqual({ ok: true, observation: { clientId: CLIENT, kind: 'nursing_report', text: 'Slept well', value: {}, effectiveAt: new Date('2026-12-05T00:30:00Z') } });
    const temperature = parseObservation({ ...base, code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] }, valueQuantity: { value: 37.4, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' } });
    expect(temperature).toMatchObject({ ok: true, observation: { kind: 'body_temperature', value: { value: 37.4 } } });
    const back = anwObservation({ id: 'o1', clientId: CLIENT, kind: 'body_temperature', text: null, value: { value: 37.4 }, effectiveAt: new Date('2026-12-05T00:30:00Z'), writtenBy: { id: NURSE, name: 'Nurse' } });
    expect(back).toMatchObject({ meta: { profile: [ZIB.bodyTemperature] }, valueQuantity: { value: 37.4, code: 'Cel' }, category: [{ coding: [{ code: 'vital-signs' }] }] });
  });

  it('names what is wrong: an unknown kind, a temperature in Fahrenheit, a blood pressure without diastolic, a report in the future', () => {
    expect(parseObservation({ ...base, code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] } })).toMatchObject({ ok: false, issues: [{ path: 'Observation.meta.profile' }] });
    expect(parseObservation({ ...base, meta: { profile: [ZIB.bodyTemperature] }, valueQuantity: { value: 99.5, code: '[degF]' } })).toMatchObject({ ok: false, issues: [{ path: 'Observation.valueQuantity' }] });
    const systolicOnly = { ...base, meta: { profile: [ZIB.bloodPressure] }, component: [{ code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 120, code: 'mm[Hg]' } }] };
    expect(parseObservation(systolicOnly)).toMatchObject({ ok: false, issues: [{ path: 'Observation.component' }] });
    expect(parseObservation({ ...base, meta: { profile: [ZIB.nursingReport] }, valueString: 'x', effectiveDateTime: '2999-01-01T00:00:00Z' })).toMatchObject({ ok: false, issues: [{ path: 'Observation.effectiveDateTime' }] });
  });
});
