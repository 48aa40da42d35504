import { randomUUID } from 'node:crypto';
import { MEDCOM, type MessageBundle, type Resource } from './message.js';

const IG = 'http://medcomfhir.dk/ig/carecommunication/StructureDefinition';
const CORE = 'http://medcomfhir.dk/ig/core/StructureDefinition';

export interface OutgoingCareCommunication {
  sender: { name: string; sorCode: string };
  receiver: { name: string; sorCode: string };
  patient: { cpr: string; givenName: string; familyName: string };
  author: { name: string; role: string; phone: string };
  category: string;
  topic: string;
  text: string;
  now: Date;
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
 * author's phone, and a Provenance naming the payload (activity new-message). The receive side's
 * validation checks every Bundle built here (care-communication.test.ts).
 */
export function buildCareCommunication(c: OutgoingCareCommunication): MessageBundle {
  const ids = { header: randomUUID(), patient: randomUUID(), communication: randomUUID(), role: randomUUID(), practitioner: randomUUID(), sender: randomUUID(), receiver: randomUUID(), provenance: randomUUID() };
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
      identifier: [{ value: `urn:uuid:${randomUUID()}` }],
      status: 'unknown',
      category: [{ coding: [{ system: MEDCOM.careCommunicationCategories, code: c.category }] }],
      subject: { reference: `Patient/${ids.patient}` },
      topic: { text: c.topic },
      payload: [
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
      activity: { coding: [{ system: MEDCOM.activityCodes, code: 'new-message' }] },
      agent: [{ who: { reference: `Organization/${ids.sender}` } }],
      entity: [{ role: 'source', what: { identifier: { value: payloadId } } }],
    },
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
