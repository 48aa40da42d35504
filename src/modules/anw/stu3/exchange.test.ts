import { describe, expect, it } from 'vitest';
import { anwJson } from '../../../../test/support/anw.js';
import { summaryFromSource } from './incoming.js';
import { authorizationTask, hourTypeFrom, nursingReport, timeChargeItem } from './outgoing.js';
import { parseAuthorizationTask } from './task.js';

const NURSE = { id: '0b7f4a5e-1c1d-4f7e-9d2f-5b1f3c7e9a01', name: 'D. de Jong' };
const start = new Date('2026-12-05T01:00:00Z');

describe('what we send to a source', () => {
  it('sends an authorization Task with every element the guide requires, which our own Bronhouder reads back', () => {
    const task = authorizationTask({
      remotePatientId: '7d7e1c52-5a35-4a4a-9a55-0c8f1f0e2a11',
      patientName: 'J. Bakker',
      regisseur: { did: 'did:nuts:regisseur', name: 'Night team' },
      source: { did: 'did:nuts:source', name: 'Home care' },
      accessor: { did: 'did:nuts:partner', name: 'Partner care' },
      nurse: NURSE,
      start,
      end: new Date(start.getTime() + 48 * 3600_000),
    });
    expect(task).toMatchObject({ status: 'requested', code: { coding: [{ code: 'ANW-autorisatie-verzoek' }] }, requester: { agent: { identifier: { value: 'did:nuts:regisseur' } } } });
    expect(parseAuthorizationTask(task, start)).toMatchObject({ ok: true, request: { kind: 'authorization', practitionerId: NURSE.id, authorizer: { did: 'did:nuts:source' }, accessor: { did: 'did:nuts:partner' } } });
  });

  it('sends time as the guide\'s nl-time-charge-item, with occurrenceDateTime where the example misspells occurence', () => {
    const example = anwJson('examples-extracted/chargeitem-nl-time-charge-item.json');
    const ours = timeChargeItem({
      remotePatientId: 'Client.123',
      nurse: NURSE,
      minutes: 90,
      endedAt: new Date('2025-01-15T08:30:00Z'),
      enteredAt: start,
      performing: { did: 'did:nuts:a', name: 'Organisatie A' },
      requesting: { did: 'did:nuts:b', name: 'Organisatie B' },
      hourType: { code: 'NORMAL', display: 'Normaal' },
    });
    // Every element of the example is there, under its right name.
    const expected = Object.keys(example).map((k) => (k === 'occurence' ? 'occurrenceDateTime' : k));
    expect(Object.keys(ours).sort()).toEqual([...expected, 'enteredDate'].sort());
    expect(ours).not.toHaveProperty('occurence');
    expect(ours).toMatchObject({ status: 'billable', quantity: example.quantity, meta: example.meta, code: { coding: [{ system: 'https://nuts.nl/fhir/CodeSystem/anw-uursoort', code: 'NORMAL' }] }, occurrenceDateTime: '2025-01-15T08:30:00.000Z' });
    expect(ours.performingOrganization).toEqual({ identifier: { system: 'http://nuts.nl', value: 'did:nuts:a' }, display: 'Organisatie A' });
    const withoutDid = timeChargeItem({ ...{ remotePatientId: 'x', nurse: NURSE, minutes: 5, endedAt: start, enteredAt: start, requesting: { did: null, name: 'B' }, hourType: { code: 'NORMAL' } }, performing: { did: null, name: 'A' } });
    expect(withoutDid.performingOrganization).toEqual({ display: 'A' });
  });

  it('books the NORMAL hour type the source lists in its $expand, else the first it lists, else none', () => {
    expect(hourTypeFrom(anwJson('examples-extracted/valueset-anw-uursoorten-expand-response.json'))).toEqual({ code: 'NORMAL', display: 'Normaal' });
    expect(hourTypeFrom({ expansion: { contains: [{ system: 'https://nuts.nl/fhir/CodeSystem/anw-uursoort', code: 'EXTRA' }] } })).toEqual({ code: 'EXTRA' });
    expect(hourTypeFrom({ expansion: { contains: [{ system: 'http://other', code: 'NORMAL' }] } })).toBeUndefined();
    expect(hourTypeFrom(undefined)).toBeUndefined();
  });

  it('sends the visit report as a nursing report on the source\'s patient', () => {
    expect(nursingReport({ remotePatientId: 'Client.123', nurse: NURSE, writtenAt: start, text: 'Slept well' })).toMatchObject({
      meta: { profile: ['https://nuts.nl/fhir/StructureDefinition/nl-core-nursingreport'] },
      subject: { reference: 'Patient/Client.123' },
      performer: [{ reference: `Practitioner/${NURSE.id}` }],
      valueString: 'Slept well',
    });
  });
});

describe('what we read from a source', () => {
  it('reads the fixed queries\' Bundles into one summary, tolerant of what a source leaves out', () => {
    const bundle = (...resources: Record<string, unknown>[]) => ({ resourceType: 'Bundle', entry: resources.map((resource) => ({ resource })) });
    const summary = summaryFromSource({
      patient: bundle({ resourceType: 'Patient', name: [{ family: 'Bakker', given: ['Jantje'] }], birthDate: '1938-03-14', address: [{ line: ['Hoofdstraat 12'], postalCode: '7811 AB', city: 'Emmen' }], generalPractitioner: [{ display: 'Dr. Jansen' }] }),
      alerts: bundle({ resourceType: 'Flag', code: { coding: [{ code: 'x', display: 'Valrisico' }] } }),
      allergies: bundle({ resourceType: 'AllergyIntolerance', code: { text: 'Latex' } }),
      wishes: bundle({ resourceType: 'Consent', extension: [{ valueString: 'Niet reanimeren' }] }),
      reports: bundle({ resourceType: 'Observation', effectiveDateTime: '2026-12-04T22:00:00Z', valueString: 'Restless' }, { resourceType: 'Observation' }),
    });
    expect(summary).toEqual({
      name: 'Jantje Bakker',
      birthDate: '1938-03-14',
      address: 'Hoofdstraat 12, 7811 AB, Emmen',
      phone: null,
      generalPractitioner: 'Dr. Jansen',
      alerts: ['Valrisico'],
      allergies: ['Latex'],
      wishes: ['Niet reanimeren'],
      reports: [{ at: '2026-12-04T22:00:00Z', text: 'Restless' }],
    });
    expect(summaryFromSource({ patient: {}, alerts: undefined, allergies: null, wishes: {}, reports: {} })).toMatchObject({ name: '', alerts: [], reports: [] });
  });
});
