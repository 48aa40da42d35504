import { actingAlliance, withClientAccess, type ApiKeyContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, invalid } from '../../platform/http/index.js';
import { messagingAddress } from '../alliance/index.js';
import { clientIdByCpr } from '../clients/index.js';
import { answerable, buildAcknowledgement, type AckCode } from './acknowledgement.js';
import { applyMessage } from './effects.js';
import { Message, obj, sorOf, str, type MessageBundle } from './message.js';
import * as store from './store.js';
import { violations, type Violation } from './validate.js';

export interface Receipt {
  /** processed: applied; rejected: answered fatal-error; duplicate: answered as before; acknowledgement: one of ours was answered. */
  outcome: 'processed' | 'rejected' | 'duplicate' | 'acknowledgement';
  /** Our Acknowledgement for the sender, also queued in the outbox; none for an acknowledgement. */
  acknowledgement: MessageBundle | null;
}

const unknownPerson: Violation = { rule: 'Patient.identifier', text: 'No client of the receiving organisation has this CPR number' };
const notOurs: Violation = { rule: 'MessageHeader.destination', text: 'The message is not addressed to this organisation (SOR id)' };

/**
 * Receives one MedCom message for the organisation whose gateway delivers it (the seam for the national
 * network, VANS). Validates it (R4 base and the vendored profiles' rules), finds the client by CPR number
 * among the organisation's own clients only (another organisation's client reads as unknown), applies it
 * once (a duplicate delivery is answered as before), and answers every message but an acknowledgement
 * with an Acknowledgement.
 */
export async function receiveMessage(deps: PlatformDeps, ctx: ApiKeyContext, json: unknown): Promise<Receipt> {
  const m = Message.from(json);
  if (!m || !answerable(m)) throw invalid('Not a MedCom message: a Bundle with an id, a MessageHeader first and its sender is needed to answer it');
  const us = await messagingAddress(deps.db, ctx.organisationId);
  if (!us?.sorCode) throw conflict('This organisation has no SOR id to receive MedCom messages at');
  const address = { name: us.name, sorCode: us.sorCode };
  const allianceId = actingAlliance(ctx);
  const bundleId = m.bundle.id ?? '';
  const problems = [...violations(m), ...(sorOf(m.receiver) === us.sorCode ? [] : [notOurs])];

  if (m.kind === 'acknowledgement' && problems.length === 0) {
    await store.recordAcknowledgement(deps.db, ctx.organisationId, str(obj(m.header?.response).identifier) ?? '', str(obj(m.header?.response).code) as AckCode);
    return { outcome: 'acknowledgement', acknowledgement: null };
  }
  const answer = async (outcome: Receipt['outcome'], code: AckCode, reasons: Violation[]): Promise<Receipt> => {
    const ack = buildAcknowledgement(m, address, code, reasons, new Date());
    const row = { allianceId, organisationId: ctx.organisationId, direction: 'out' as const, kind: 'acknowledgement' as const, bundleId: ack.id ?? '', event: code, peerSorCode: sorOf(m.sender) ?? null, bundle: ack, status: 'queued' as const, ackCode: null };
    await store.insertMessage(deps.db, row, null);
    return { outcome, acknowledgement: ack };
  };
  const incoming = { allianceId, organisationId: ctx.organisationId, direction: 'in' as const, kind: m.kind ?? 'care_communication', bundleId, event: m.activity ?? null, peerSorCode: sorOf(m.sender) ?? null, bundle: m.bundle };

  const earlier = await store.earlierAnswer(deps.db, ctx.organisationId, bundleId);
  if (earlier) return answer('duplicate', earlier.ack_code ?? 'transient-error', []);
  const clientId = problems.length === 0 && m.cpr ? await clientIdByCpr(deps.db, ctx.organisationId, m.cpr) : undefined;
  if (problems.length > 0 || !clientId) {
    const reasons = problems.length > 0 ? problems : [unknownPerson];
    // Kept without a client: nothing of ours is touched, and the sender hears why.
    await store.insertMessage(deps.db, { ...incoming, status: 'rejected', ackCode: 'fatal-error' }, null);
    return answer('rejected', 'fatal-error', reasons);
  }
  const fields = [m.kind ?? '', m.activity ?? ''];
  const stored = await withClientAccess(deps.db, ctx, clientId, { level: 'identification', action: 'receive_message', resource: 'medcom_message', fields, change: true }, (trx, permit) =>
    store.insertMessage(trx, { ...incoming, status: 'processed', ackCode: 'ok' }, permit),
  );
  if (!stored) return answer('duplicate', 'ok', []);
  try {
    await applyMessage(deps, ctx, clientId, m);
  } catch (error) {
    // Not applied: forget the receipt so the network's retry applies it, and answer nothing now (500).
    await store.forgetReceipt(deps.db, ctx.organisationId, bundleId);
    throw error;
  }
  return answer('processed', 'ok', []);
}
