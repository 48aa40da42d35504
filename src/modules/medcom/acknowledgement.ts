import { randomUUID } from 'node:crypto';
import { MEDCOM, type Message, type MessageBundle, type Resource } from './message.js';
import type { Violation } from './validate.js';

export type AckCode = 'ok' | 'transient-error' | 'fatal-error';

const PROFILE = {
  message: 'http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement',
  header: 'http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgementHeader',
  outcome: 'http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome',
  provenance: 'http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance',
};

/** Whether a received message can be answered at all: it names itself (Bundle.id, MessageHeader.id) and its sender. */
export const answerable = (m: Message): boolean => typeof m.bundle.id === 'string' && typeof m.header?.id === 'string' && m.sender !== undefined;

/**
 * The Acknowledgement (MedCom Acknowledgement 2.0.3) of a received message, from us (the receiver) to
 * its sender: `response.identifier` is the received Bundle.id; a code other than ok carries an
 * OperationOutcome with one issue per problem (medcom-acknowledgement-1). The received message's own
 * Provenance travels along, and ours names its MessageHeader as the revision, as MedCom's examples do.
 */
export function buildAcknowledgement(received: Message, us: { name: string; sorCode: string }, code: AckCode, problems: Violation[], now: Date): MessageBundle {
  const sender = received.sender!;
  const ours: Resource = {
    resourceType: 'Organization',
    id: randomUUID(),
    meta: { profile: ['http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization'] },
    identifier: [{ system: MEDCOM.sor, value: us.sorCode }],
    name: us.name,
  };
  const theirs: Resource = { ...sender, id: randomUUID() };
  const headerId = randomUUID();
  const outcome: Resource | undefined =
    code === 'ok'
      ? undefined
      : {
          resourceType: 'OperationOutcome',
          id: randomUUID(),
          meta: { profile: [PROFILE.outcome] },
          issue: problems.map((p) => ({ severity: code === 'fatal-error' ? 'error' : 'warning', code: 'processing', details: { text: `${p.rule}: ${p.text}` } })),
        };
  const at = now.toISOString();
  const header: Resource = {
    resourceType: 'MessageHeader',
    id: headerId,
    meta: { profile: [PROFILE.header] },
    eventCoding: { system: MEDCOM.eventCodes, code: 'acknowledgement-message' },
    destination: [
      {
        extension: [{ url: MEDCOM.destinationUseExtension, valueCoding: { system: MEDCOM.destinationUse, code: 'primary' } }],
        endpoint: MEDCOM.sorEndpoint(String(theirs.identifier ? (theirs.identifier as { system: string; value: string }[]).find((i) => i.system === MEDCOM.sor)?.value : '')),
        receiver: { reference: `Organization/${theirs.id}` },
      },
    ],
    sender: { reference: `Organization/${ours.id}` },
    source: { endpoint: MEDCOM.sorEndpoint(us.sorCode) },
    response: { identifier: received.bundle.id, code, ...(outcome ? { details: { reference: `OperationOutcome/${outcome.id}` } } : {}) },
  };
  const provenance: Resource = {
    resourceType: 'Provenance',
    id: randomUUID(),
    meta: { profile: [PROFILE.provenance] },
    target: [{ reference: `MessageHeader/${headerId}` }],
    occurredDateTime: at,
    recorded: at,
    activity: { coding: [{ system: MEDCOM.activityCodes, code: 'acknowledgement' }] },
    agent: [{ who: { reference: `Organization/${ours.id}` } }],
    entity: [{ role: 'revision', what: { reference: `MessageHeader/${received.header?.id}` } }],
  };
  // The received message's Provenance points at its own organisations; in our Bundle they are re-identified, so it is re-pointed.
  const original = received.ownProvenance.map((p) => ({ ...p, id: randomUUID(), agent: [{ who: { reference: `Organization/${theirs.id}` } }] }));
  const resources = [header, ...(outcome ? [outcome] : []), ...original, provenance, ours, theirs];
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [PROFILE.message] },
    type: 'message',
    timestamp: at,
    entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id}`, resource })),
  };
}
