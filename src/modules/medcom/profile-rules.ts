import { hospitalActivities } from './hospital-notification.js';
import { asArray, MEDCOM, messageEvents, obj, sorOf, str, type Message, type MessageKind } from './message.js';

/**
 * The vendored MedCom profiles' rules that base R4 validation cannot check, as typed data: each names the
 * profile element or invariant it comes from (`../shared/standards/medcom/<ig>/fsh/`), so a refusal says
 * which rule the sender broke. The IGs commit no StructureDefinition JSON and DK-core and the MedCom
 * terminology are not vendored, so code systems are checked only where the FSH fixes a code.
 */
export interface ProfileRule {
  id: string;
  kinds: readonly MessageKind[] | 'all';
  text: string;
  holds: (m: Message) => boolean;
}

const ALL = 'all' as const;
const exactlyOnePatient = (m: Message) => m.ofType('Patient').length === 1;
const focus = (m: Message, type: string) => asArray(m.header?.focus).map((f) => m.resolve(f)).find((r) => r?.resourceType === type);
const communication = (m: Message) => focus(m, 'Communication');
const stringPayloads = (m: Message) => asArray(communication(m)?.payload).map(obj).filter((p) => typeof p.contentString === 'string');
const hasExtension = (element: Record<string, unknown>, suffix: string) => asArray(element.extension).some((x) => (str(obj(x).url) ?? '').endsWith(suffix));

export const profileRules: readonly ProfileRule[] = [
  { id: 'MedComMessagingMessage.id', kinds: ALL, text: 'The Bundle has an id', holds: (m) => typeof m.bundle.id === 'string' && m.bundle.id.length > 0 },
  { id: 'MedComMessagingMessage.type', kinds: ALL, text: 'Bundle.type is message', holds: (m) => m.bundle.type === 'message' },
  { id: 'MedComMessagingMessage.timestamp', kinds: ALL, text: 'The Bundle has a timestamp', holds: (m) => typeof m.bundle.timestamp === 'string' },
  { id: 'bdl-message-header', kinds: ALL, text: 'The first entry is the MessageHeader', holds: (m) => m.header !== undefined && typeof m.header.id === 'string' },
  { id: 'MedComMessagingMessageHeader.eventCoding', kinds: ALL, text: `The event is one of ${Object.keys(messageEvents).join(', ')}`, holds: (m) => m.kind !== undefined && str(obj(m.header?.eventCoding).system) === MEDCOM.eventCodes },
  { id: 'medcom-messaging-2', kinds: ALL, text: 'There is a Provenance for this MessageHeader', holds: (m) => m.ownProvenance.length > 0 },
  { id: 'MedComMessagingMessageHeader.sender', kinds: ALL, text: 'The sender is an Organization in the Bundle with a SOR identifier', holds: (m) => sorOf(m.sender) !== undefined },
  { id: 'MedComMessagingMessageHeader.destination:primary', kinds: ALL, text: 'A primary destination names an Organization in the Bundle with a SOR identifier', holds: (m) => sorOf(m.receiver) !== undefined },

  { id: 'medcom-hospitalNotification-2', kinds: ['hospital_notification'], text: 'The Bundle contains exactly one Patient', holds: exactlyOnePatient },
  { id: 'medcom-hospitalNotification-4', kinds: ['hospital_notification'], text: 'The Patient is identified by a CPR number (urn:oid:1.2.208.176.1.2)', holds: (m) => m.cpr !== undefined },
  { id: 'MedComHospitalNotificationMessageHeader.focus', kinds: ['hospital_notification'], text: 'The MessageHeader focuses on an Encounter in the Bundle', holds: (m) => focus(m, 'Encounter') !== undefined },
  { id: 'MedComHospitalNotificationEncounter.class', kinds: ['hospital_notification'], text: 'The Encounter has a class', holds: (m) => str(obj(focus(m, 'Encounter')?.class).code) !== undefined },
  { id: 'medcom-hospitalNotification-3', kinds: ['hospital_notification'], text: 'The Provenance activity is a HospitalNotification activity', holds: (m) => (m.activity ?? '') in hospitalActivities },
  {
    id: 'medcom-hospitalNotification-6',
    kinds: ['hospital_notification'],
    text: 'An encounter on leave gives the start of the leave',
    holds: (m) => focus(m, 'Encounter')?.status !== 'onleave' || asArray(focus(m, 'Encounter')?.extension).some((x) => str(obj(obj(x).valuePeriod).start) !== undefined),
  },

  { id: 'medcom-careCommunication-2', kinds: ['care_communication'], text: 'The Bundle contains exactly one Patient', holds: exactlyOnePatient },
  { id: 'MedComCareCommunicationMessageHeader.focus', kinds: ['care_communication'], text: 'The MessageHeader focuses on a Communication in the Bundle', holds: (m) => communication(m) !== undefined },
  { id: 'MedComCareCommunication.identifier', kinds: ['care_communication'], text: 'The Communication has one identifier with a value', holds: (m) => asArray(communication(m)?.identifier).length === 1 && str(obj(asArray(communication(m)?.identifier)[0]).value) !== undefined },
  {
    id: 'MedComCareCommunication.category',
    kinds: ['care_communication'],
    text: 'The Communication has one category with a MedCom code',
    holds: (m) => {
      const categories = asArray(communication(m)?.category).map(obj);
      const coding = obj(asArray(categories[0]?.coding)[0]);
      return categories.length === 1 && coding.system === MEDCOM.careCommunicationCategories && typeof coding.code === 'string';
    },
  },
  {
    id: 'medcom-careCommunication-6',
    kinds: ['care_communication'],
    text: "A Communication of category 'other' has a topic",
    holds: (m) => str(obj(asArray(obj(asArray(communication(m)?.category)[0]).coding)[0]).code) !== 'other' || str(obj(communication(m)?.topic).text) !== undefined,
  },
  { id: 'MedComCareCommunication.subject', kinds: ['care_communication'], text: 'The Communication is about the Patient of the Bundle', holds: (m) => m.resolve(communication(m)?.subject)?.resourceType === 'Patient' },
  {
    id: 'MedComCareCommunication.payload:string',
    kinds: ['care_communication'],
    text: 'A text payload has its date, identifier, author and author contact',
    holds: (m) => stringPayloads(m).length > 0 && stringPayloads(m).every((p) => ['datetime-extension', 'identifier-extension', 'practitioner-extension', 'contact-extension'].every((s) => hasExtension(p, s))),
  },
  {
    id: 'MedComCareCommunicationProvenance.entity:payload',
    kinds: ['care_communication'],
    text: "The message's Provenance names its payload by identifier (entity, role source)",
    holds: (m) => m.ownProvenance.every((p) => asArray(p.entity).map(obj).some((e) => e.role === 'source' && str(obj(obj(e.what).identifier).value) !== undefined)),
  },
  { id: 'medcom-careCommunication-4', kinds: ['care_communication'], text: 'Every Practitioner has a name', holds: (m) => m.ofType('Practitioner').every((p) => asArray(p.name).length > 0) },
  { id: 'medcom-careCommunication-13', kinds: ['care_communication'], text: 'Every PractitionerRole names its Practitioner', holds: (m) => m.ofType('PractitionerRole').every((r) => str(obj(r.practitioner).reference) !== undefined) },

  {
    id: 'MedComAcknowledgementMessageHeader.response',
    kinds: ['acknowledgement'],
    text: 'The response names the acknowledged message and a code ok, transient-error or fatal-error',
    holds: (m) => str(obj(m.header?.response).identifier) !== undefined && ['ok', 'transient-error', 'fatal-error'].includes(str(obj(m.header?.response).code) ?? ''),
  },
  { id: 'medcom-acknowledgement-1', kinds: ['acknowledgement'], text: 'A response other than ok carries an OperationOutcome', holds: (m) => str(obj(m.header?.response).code) === 'ok' || m.ofType('OperationOutcome').length > 0 },
];

/** The rules the message breaks; an unknown event is checked against the common rules only (and breaks the event rule). */
export function profileViolations(m: Message): ProfileRule[] {
  const kind = m.kind;
  return profileRules.filter((rule) => (rule.kinds === ALL || (kind !== undefined && rule.kinds.includes(kind))) && !rule.holds(m));
}

