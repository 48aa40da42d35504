import { describe, expect, it } from 'vitest';
import { r4Problems } from '../../fhir/index.js';
import { toFhirCarePlan, toFhirCareTeam, toFhirCommunication, toFhirConsent, toFhirTask, type FhirResource } from './index.js';

const clientId = '6f1d2a7e-0c1b-4b8e-9a39-3c1f5d7e8a10';
const at = new Date('2026-12-04T10:00:00Z');

describe('FHIR R4 shapes of the circle, validated by Medplum', () => {
  it('maps a consent to a citizen member, withdrawn, and one to an organisation to valid Consents', () => {
    const member = toFhirConsent({ id: 'c1', clientId, grantee: { citizenId: 'a1' }, giverKind: 'representative', givenBy: 'Marieke', levels: ['circle_tasks'], purpose: 'care_network', givenAt: at, endsAt: null, withdrawnAt: new Date('2026-12-05T10:00:00Z') });
    const organisation = toFhirConsent({ id: 'c2', clientId, grantee: { organisationId: 'o1' }, giverKind: 'person', givenBy: 'Jan', levels: ['identification', 'circle_plan'], purpose: 'care_network', givenAt: at, endsAt: new Date('2027-01-01T00:00:00Z'), withdrawnAt: null });
    expect(r4Problems(member)).toEqual([]);
    expect(r4Problems(organisation)).toEqual([]);
    expect(member).toMatchObject({ status: 'inactive', provision: { period: { end: '2026-12-05T10:00:00.000Z' }, actor: [{ reference: { reference: 'RelatedPerson/a1' } }] } });
    expect(organisation).toMatchObject({ status: 'active', performer: [{ reference: `Patient/${clientId}` }] });
  });

  it('maps the circle to a valid CareTeam, the plan to a valid CarePlan with its goals, tasks and messages to valid Tasks and Communications', () => {
    const team = toFhirCareTeam({
      circleId: 'k1',
      clientId,
      members: [
        { id: 'm1', kind: 'family', name: 'Marieke', citizenId: 'a1', organisationId: null, coordinator: true },
        { id: 'm2', kind: 'district_nurse', name: 'Wijkverpleging', citizenId: null, organisationId: 'o1', coordinator: false },
      ],
    });
    const plan = toFhirCarePlan({ circleId: 'k1', clientId, version: 3, whatMatters: 'Thuis blijven', goals: [{ text: 'Zelf koken', theme: 'self_reliance', met: false }], agreements: [{ text: 'Henk rijdt', owner: 'Henk' }], reviewOn: '2027-03-01', changedAt: at });
    const tasks = (['requested', 'accepted', 'done', 'declined'] as const).map((status) =>
      toFhirTask({ id: `t-${status}`, clientId, title: 'home_care_visit', status, declineReason: status === 'declined' ? 'Geen plek' : null, competence: 'wound_care', place: 'home', windowStart: at, windowEnd: new Date(at.getTime() + 86_400_000), ownerOrganisationId: 'o1', ownerCitizenId: null, createdAt: at }),
    );
    const message = toFhirCommunication({ id: 'x1', clientId, taskId: 't-accepted', senderName: 'Henk', sentAt: at, text: 'Ik rij morgen.' });
    for (const resource of [team, plan, ...tasks, message]) expect(r4Problems(resource), resource.resourceType).toEqual([]);
    expect(tasks.map((t) => t.status)).toEqual(['requested', 'accepted', 'completed', 'rejected']);
  });

  it('maps a reply with an attachment to a valid Communication in response to its thread, the file by reference', () => {
    const reply = toFhirCommunication({
      id: 'x2',
      clientId,
      taskId: null,
      threadId: 'x1',
      senderName: 'Marieke',
      sender: { citizenId: 'a1' },
      sentAt: at,
      text: 'Hier is de brief.',
      attachments: [{ url: `/api/circles/${clientId}/messages/x2/attachments/f1`, fileName: 'brief.pdf', mediaType: 'application/pdf', sizeBytes: 1234 }],
    });
    expect(r4Problems(reply)).toEqual([]);
    expect(reply).toMatchObject({ inResponseTo: [{ reference: 'Communication/x1' }], sender: { reference: 'RelatedPerson/a1' }, payload: [{ contentString: 'Hier is de brief.' }, { contentAttachment: { contentType: 'application/pdf', title: 'brief.pdf', size: 1234 } }] });
  });

  it('is caught by the validator when a shape is wrong, so the checks above can fail', () => {
    const task = toFhirTask({ id: 't', clientId, title: 'x', status: 'requested', declineReason: null, competence: null, place: 'home', windowStart: at, windowEnd: at, ownerOrganisationId: null, ownerCitizenId: null, createdAt: at });
    expect(r4Problems(Object.fromEntries(Object.entries(task).filter(([key]) => key !== 'intent')) as FhirResource)).not.toEqual([]);
    expect(r4Problems({ ...task, for: `Patient/${clientId}` })).not.toEqual([]);
  });
});
