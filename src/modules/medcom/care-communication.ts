import { randomUUID } from 'node:crypto';
import { MEDCOM, type MessageBundle, type Resource } from './message.js';
import type { Thread } from './thread.js';

const IG = 'http://medcomfhir.dk/ig/carecommunication/StructureDefinition';
const CORE = 'http://medcomfhir.dk/ig/core/StructureDefinition';

export interface OutgoingCareCommunication {
  sender: { name: string; sorCode: string };
  receiver: { name: string; sorCode: string };
  patient: { cpr: string; givenName: string; familyName: string };
  author: { name: string; role: string; phone: string };
  category: string;
  topic?: string;
  text: string;
  now: Date;
  /** The conversation this message answers (a reply); a new message starts one. */
  thread?: Thread;
}

const organisation = (id: string, o: { name: string; sorCode: string }): Resource => ({
  resourceType: 'Organization',
  id,
  meta: { profile: ['http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization'] },
  identifier: [{ system: MEDCOM.sor, value: o.sorCode }],
  name: o.name,
});

/**
 * A MedCom CareCommunication (5.0.4) Bundle: one text payload with its date, identifier, author and the
 * author's phone, and a Provenance naming the payload (activity new-message). A reply continues the
 * thread (thread.ts): the earlier segments first, then ours, with activity reply-message and the answered
 * MessageHeader as the revision. The sender validates every Bundle built here before it is queued (send.ts).
 */
export function buildCareCommunication(c: OutgoingCareCommunication): MessageBundle {
  const thread = c.thread;
  // A reply keeps the ids the answered message gave the organisations and the patient: its carried segments refer to them.
  const ids = {
    header: randomUUID(),
    patient: thread?.patientId ?? randomUUID(),
    communication: randomUUID(),
    role: randomUUID(),
    practitioner: randomUUID(),
    sender: thread?.ourId ?? randomUUID(),
    receiver: thread?.peer.id ?? randomUUID(),
    provenance: randomUUID(),
  };
  const payloadId = `urn:uuid:${randomUUID()}`;
  const at = c.now.toISOString();
  const [given, ...more] = c.author.name.split(' ');
  const resources: Resource[] = [
    {
      resourceType: 'MessageHeader',
      id: ids.header,
      meta: { profile: [`${IG}/medcom-careCommunication-messageHeader`] },
      eventCoding: { system: MEDCOM.eventCodes, code: 'care-communication-message' },
      destination: [{ extension: [{ url: MEDCOM.destinationUseExtension, valueCoding: { system: MEDCOM.destinationUse, code: 'primary' } }], endpoint: MEDCOM.sorEndpoint(c.receiver.sorCode), receiver: { reference: `Organization/${ids.receiver}` } }],
      sender: { reference: `Organization/${ids.sender}` },
      source: { endpoint: MEDCOM.sorEndpoint(c.sender.sorCode) },
      focus: [{ reference: `Communication/${ids.communication}` }],
    },
    {
      resourceType: 'Patient',
      id: ids.patient,
      meta: { profile: [`${CORE}/medcom-core-patient`] },
      identifier: [{ system: MEDCOM.cpr, value: c.patient.cpr.replace('-', '') }],
      name: [{ use: 'official', family: c.patient.familyName, given: [c.patient.givenName] }],
    },
    {
      resourceType: 'Communication',
      id: ids.communication,
      meta: { profile: [`${IG}/medcom-careCommunication-communication`] },
      identifier: [{ value: thread?.identifier ?? `urn:uuid:${randomUUID()}` }],
      status: 'unknown',
      category: [{ coding: [{ system: MEDCOM.careCommunicationCategories, code: c.category }] }],
      subject: { reference: `Patient/${ids.patient}` },
      ...(c.topic ? { topic: { text: c.topic } } : {}),
      ...(thread?.encounterId ? { encounter: { reference: `Encounter/${thread.encounterId}` } } : {}),
      payload: [
        ...(thread?.payloads ?? []),
        {
          extension: [
            { url: `${CORE}/medcom-core-datetime-extension`, valueDateTime: at },
            { url: `${CORE}/medcom-core-identifier-extension`, valueIdentifier: { value: payloadId, assigner: { reference: `Organization/${ids.sender}` } } },
            { url: `${CORE}/medcom-core-practitioner-extension`, valueReference: { reference: `PractitionerRole/${ids.role}` } },
            { url: `${CORE}/medcom-core-contact-extension`, valueContactPoint: { system: 'phone', value: c.author.phone } },
          ],
          contentString: c.text,
        },
      ],
    },
    { resourceType: 'PractitionerRole', id: ids.role, meta: { profile: [`${CORE}/medcom-core-practitionerrole`] }, practitioner: { reference: `Practitioner/${ids.practitioner}` }, code: [{ text: c.author.role }] },
    { resourceType: 'Practitioner', id: ids.practitioner, meta: { profile: [`${CORE}/medcom-core-practitioner`] }, name: [{ family: more.join(' ') || given, given: more.length ? [given] : [] }] },
    organisation(ids.sender, c.sender),
    organisation(ids.receiver, c.receiver),
    {
      resourceType: 'Provenance',
      id: ids.provenance,
      meta: { profile: [`${IG}/medcom-careCommunication-provenance`] },
      target: [{ reference: `MessageHeader/${ids.header}` }],
      occurredDateTime: at,
      recorded: at,
      activity: { coding: [{ system: MEDCOM.activityCodes, code: thread ? 'reply-message' : 'new-message' }] },
      agent: [{ who: { reference: `Organization/${ids.sender}` } }],
      entity: [...(thread ? [{ role: 'revision', what: { reference: `MessageHeader/${thread.headerId}` } }] : []), { role: 'source', what: { identifier: { value: payloadId } } }],
    },
    ...(thread ? [...thread.resources, ...thread.provenances] : []),
  ];
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [`${IG}/medcom-careCommunication-message`] },
    type: 'message',
    timestamp: at,
    entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id}`, resource })),
  };
}
