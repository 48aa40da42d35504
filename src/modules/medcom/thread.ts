import { asArray, Message, obj, sorOf, str, type Resource } from './message.js';

/**
 * What a reply carries over from the CareCommunication it answers, as MedCom threads a conversation
 * (CareCommunication 5.0.4, example "2nd message"): the same Communication.identifier, category and
 * topic; every earlier message segment (payload) unchanged, with the PractitionerRole and Practitioner
 * its author extension names; the Encounter with its episode-of-care identifier when the thread has one
 * (medcom-careCommunication-15); the earlier Provenance entries; and a reference to the answered
 * MessageHeader for the reply's own Provenance (entity role revision). The answered message's
 * Organization, Patient and Encounter ids are kept, so every carried reference still resolves.
 */
export interface Thread {
  headerId: string;
  identifier: string;
  category: string;
  topic?: string;
  /** The answered message's sender: the reply's receiver (name and SOR id), under its id in that message. */
  peer: { id: string; name: string; sorCode: string };
  /** The id the answered message gave its receiver (us): the reply's sender keeps it. */
  ourId: string;
  patientId: string;
  encounterId?: string;
  payloads: unknown[];
  resources: Resource[];
  provenances: Resource[];
}

const AUTHOR = 'medcom-core-practitioner-extension';

/** The resources the earlier segments' authors name: each PractitionerRole and its Practitioner. */
function authorsOf(m: Message, payloads: Record<string, unknown>[]): Resource[] {
  const roles = payloads.flatMap((p) => asArray(p.extension).map(obj).filter((x) => (str(x.url) ?? '').endsWith(AUTHOR))).map((x) => m.resolve(x.valueReference));
  const people = roles.map((r) => m.resolve(r?.practitioner));
  const unique = new Map<string, Resource>();
  for (const r of [...roles, ...people]) if (r?.id) unique.set(`${r.resourceType}/${r.id}`, r);
  return [...unique.values()];
}

/** The thread of a received CareCommunication, or undefined when the Bundle lacks what a reply needs. */
export function threadOf(bundle: unknown): Thread | undefined {
  const m = Message.from(bundle);
  const communication = m?.resolve(asArray(m.header?.focus)[0]);
  if (!m?.header?.id || communication?.resourceType !== 'Communication') return undefined;
  const identifier = str(obj(asArray(communication.identifier)[0]).value);
  const category = str(obj(asArray(obj(asArray(communication.category)[0]).coding)[0]).code);
  const [sender, receiver, patient] = [m.sender, m.receiver, m.patient];
  const sorCode = sorOf(sender);
  if (!identifier || !category || !sender?.id || !receiver?.id || !patient?.id || !sorCode) return undefined;
  const payloads = asArray(communication.payload).map(obj);
  const encounter = m.resolve(communication.encounter);
  return {
    headerId: m.header.id,
    identifier,
    category,
    topic: str(obj(communication.topic).text),
    peer: { id: sender.id, name: str(sender.name) ?? sorCode, sorCode },
    ourId: receiver.id,
    patientId: patient.id,
    encounterId: encounter?.id,
    payloads,
    resources: [...authorsOf(m, payloads), ...(encounter ? [encounter] : [])],
    provenances: m.ofType('Provenance'),
  };
}
