import { actingAlliance, withClientAccess, type StaffContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/index.js';
import { messagingAddress, partnerAddress } from '../alliance/index.js';
import { recordCircleMessage } from '../circles/index.js';
import { messagingIdentity } from '../clients/index.js';
import { buildCareCommunication } from './care-communication.js';
import { Message } from './message.js';
import * as store from './store.js';
import { violations } from './validate.js';

export interface CareCommunicationRequest {
  recipientOrganisationId: string;
  category: string;
  topic: string;
  text: string;
  authorRole: string;
  contactPhone: string;
}

/**
 * Sends a CareCommunication about a client to a partner organisation in the alliance (the GP, the
 * clinic, the hospital): for those who see the circle's messages, audited, queued in the outbox for
 * the gateway, and put on the person's timeline. A Bundle that would fail our own receive-side
 * validation is never sent.
 */
export async function sendCareCommunication(deps: PlatformDeps, ctx: StaffContext, clientId: string, request: CareCommunicationRequest, kind: 'care_communication' | 'observations' = 'care_communication'): Promise<{ bundleId: string }> {
  const allianceId = actingAlliance(ctx);
  const [us, them] = await Promise.all([messagingAddress(deps.db, ctx.organisationId), partnerAddress(deps.db, allianceId, request.recipientOrganisationId)]);
  if (!us?.sorCode) throw conflict('Your organisation has no SOR id to send MedCom messages from');
  if (!them?.sorCode) throw notFound('Organisation');
  const sender = { name: us.name, sorCode: us.sorCode };
  const receiver = { name: them.name, sorCode: them.sorCode };
  const bundleId = await withClientAccess(deps.db, ctx, clientId, { level: 'circle_messages', action: 'send_message', resource: 'medcom_message', sharingPurpose: 'care_network', fields: [kind], change: true }, async (trx, permit) => {
    const person = await messagingIdentity(trx, permit);
    if (!person.cpr) throw invalid('The person has no CPR number', [{ path: 'clientId', code: 'no_cpr', message: 'The person has no CPR number' }]);
    const bundle = buildCareCommunication({ sender, receiver, patient: { cpr: person.cpr, givenName: person.given_name, familyName: person.family_name }, author: { name: ctx.actorName, role: request.authorRole, phone: request.contactPhone }, category: request.category, topic: request.topic, text: request.text, now: new Date() });
    const problems = violations(new Message(bundle));
    if (problems.length > 0) throw new Error(`Built an invalid CareCommunication: ${problems.map((p) => p.rule).join(', ')}`);
    await store.insertMessage(trx, { allianceId, organisationId: ctx.organisationId, direction: 'out', kind, bundleId: bundle.id ?? '', event: 'new-message', peerSorCode: them.sorCode, bundle, status: 'queued', ackCode: null }, permit);
    return bundle.id ?? '';
  });
  try {
    await recordCircleMessage(deps, ctx, clientId, { direction: 'out', party: them.name, topic: request.topic, text: request.text });
  } catch (error) {
    // A person without a circle still gets the message; its record is in the MedCom log.
    if (!(error instanceof Error && 'code' in error && error.code === 'NOT_FOUND')) throw error;
  }
  return { bundleId };
}
