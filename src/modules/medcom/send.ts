import { withClientAccess, type ClientPermit, type StaffContext } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError, conflict, invalid, notFound, type FieldError } from '../../platform/http/index.js';
import { messagingAddress, partnerAddress } from '../alliance/index.js';
import { recordCircleMessage } from '../circles/index.js';
import { messagingIdentity } from '../clients/index.js';
import { buildCareCommunication } from './care-communication.js';
import { requireMedcom } from './gate.js';
import { Message } from './message.js';
import * as store from './store.js';
import { threadOf, type Thread } from './thread.js';
import { violations, type Violation } from './validate.js';

export interface CareCommunicationRequest {
  /** A partner of the alliance with a SOR id; a reply goes to the answered message's sender instead. */
  recipientOrganisationId?: string;
  /** A new message's category; a reply keeps its thread's. */
  category?: string;
  topic?: string;
  text: string;
  authorRole: string;
  contactPhone: string;
  /** A received CareCommunication about the same person that this message answers. */
  replyTo?: string;
}

type Address = { name: string; sorCode: string };

/** The request fields the profile rules speak about, so the form can put the refusal at the field. */
const ruleFields: Readonly<Record<string, string>> = {
  'medcom-careCommunication-6': 'topic',
  'MedComCareCommunication.category': 'category',
  'MedComCareCommunication.payload:string': 'text',
};

/** A Bundle that breaks the profile never leaves: 422 naming the rules (details) and the fields to correct. */
function refuse(problems: Violation[]): AppError {
  const fields: FieldError[] = problems.flatMap((p) => {
    const path = ruleFields[p.rule];
    return path ? [{ path, code: p.rule, message: p.text }] : [];
  });
  return new AppError('MESSAGE_INVALID', `The CareCommunication breaks its profile: ${problems.map((p) => `${p.rule} (${p.text})`).join('; ')}`, fields, { violations: problems });
}

/** The partner a new message goes to: a member of the alliance with a SOR id, else not found. */
async function newRecipient(deps: PlatformDeps, allianceId: string, request: CareCommunicationRequest): Promise<Address> {
  const missing: FieldError[] = [
    ...(request.recipientOrganisationId ? [] : [{ path: 'recipientOrganisationId', code: 'required', message: 'Choose the recipient' }]),
    ...(request.category ? [] : [{ path: 'category', code: 'required', message: 'Choose the category' }]),
  ];
  if (missing.length > 0) throw invalid('A new message needs a recipient and a category', missing);
  const them = await partnerAddress(deps.db, allianceId, request.recipientOrganisationId ?? '');
  if (!them?.sorCode) throw notFound('Organisation');
  return { name: them.name, sorCode: them.sorCode };
}

/** The thread a reply continues: a received CareCommunication of ours about this very person. */
async function answered(trx: Executor, organisationId: string, permit: ClientPermit, messageId: string): Promise<Thread> {
  const row = await store.receivedCareCommunication(trx, organisationId, messageId, permit);
  const thread = row ? threadOf(row.bundle) : undefined;
  if (!thread) throw notFound('Message');
  return thread;
}

/**
 * Sends a CareCommunication about a client to a partner organisation in the alliance (the GP, the
 * clinic, the hospital), or answers a received one in its thread: for those who see the circle's
 * messages, audited, validated against the vendored profile before it is queued in the outbox for the
 * gateway, and put on the person's timeline.
 */
export async function sendCareCommunication(deps: PlatformDeps, ctx: StaffContext, clientId: string, request: CareCommunicationRequest, kind: 'care_communication' | 'observations' = 'care_communication'): Promise<{ bundleId: string }> {
  const allianceId = await requireMedcom(deps, ctx);
  const us = await messagingAddress(deps.db, ctx.organisationId);
  if (!us?.sorCode) throw conflict('Your organisation has no SOR id to send MedCom messages from');
  const sender = { name: us.name, sorCode: us.sorCode };
  const recipient = request.replyTo ? undefined : await newRecipient(deps, allianceId, request);
  const sent = await withClientAccess(deps.db, ctx, clientId, { level: 'circle_messages', action: 'send_message', resource: 'medcom_message', sharingPurpose: 'care_network', fields: [kind], change: true }, async (trx, permit) => {
    const thread = request.replyTo ? await answered(trx, ctx.organisationId, permit, request.replyTo) : undefined;
    const receiver = thread ? { name: thread.peer.name, sorCode: thread.peer.sorCode } : recipient;
    if (!receiver) throw notFound('Organisation');
    const person = await messagingIdentity(trx, permit);
    if (!person.cpr) throw invalid('The person has no CPR number', [{ path: 'clientId', code: 'no_cpr', message: 'The person has no CPR number' }]);
    const category = thread?.category ?? request.category ?? '';
    const topic = thread ? thread.topic : request.topic;
    const patient = { cpr: person.cpr, givenName: person.given_name, familyName: person.family_name };
    const bundle = buildCareCommunication({ sender, receiver, patient, author: { name: ctx.actorName, role: request.authorRole, phone: request.contactPhone }, category, topic, text: request.text, now: new Date(), thread });
    const problems = violations(new Message(bundle));
    if (problems.length > 0) throw refuse(problems);
    await store.insertMessage(trx, { allianceId, organisationId: ctx.organisationId, direction: 'out', kind, bundleId: bundle.id ?? '', event: thread ? 'reply-message' : 'new-message', peerSorCode: receiver.sorCode, bundle, status: 'queued', ackCode: null }, permit);
    return { bundleId: bundle.id ?? '', party: receiver.name, topic: topic ?? category };
  });
  try {
    await recordCircleMessage(deps, ctx, clientId, { direction: 'out', party: sent.party, topic: sent.topic, text: request.text });
  } catch (error) {
    // A person without a circle still gets the message; its record is in the MedCom log.
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
  }
  return { bundleId: sent.bundleId };
}
