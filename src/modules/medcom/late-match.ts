import type { StaffContext } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { applyMessage } from './effects.js';
import { hospitalEffect } from './hospital-notification.js';
import { Message } from './message.js';
import type { LateEffects } from './tables.js';

export type LateOutcome = Exclude<LateEffects, 'pending'>;

/** The message's own time (its Bundle.timestamp, when the sender wrote it), else when we received it. */
function messageTime(m: Message | undefined, receivedAt: Date): number {
  const stamped = m?.bundle.timestamp ? Date.parse(m.bundle.timestamp) : NaN;
  return Number.isNaN(stamped) ? receivedAt.getTime() : stamped;
}

/**
 * What a message matched late would still do. A hospital notification changes the person's admission
 * state only while it is the latest one for them that does: an admission matched after a newer
 * discharge (received and applied meanwhile) is history, and pausing the home tasks now would be wrong.
 */
async function decide(executor: Executor, organisationId: string, clientId: string, row: { id: string; bundle: unknown; created_at: Date }): Promise<{ outcome: LateOutcome; message: Message | undefined }> {
  const message = Message.from(row.bundle) ?? undefined;
  if (message?.kind === 'care_communication') return { outcome: 'applied', message };
  if (message?.kind !== 'hospital_notification' || hospitalEffect(message) === 'recorded') return { outcome: 'none', message };
  const mine = messageTime(message, row.created_at);
  const others = await executor
    .selectFrom('medcom_message')
    .select(['bundle', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('direction', '=', 'in')
    .where('kind', '=', 'hospital_notification')
    .where('id', '!=', row.id)
    .execute();
  const newer = others.some((o) => {
    const other = Message.from(o.bundle) ?? undefined;
    return other !== undefined && hospitalEffect(other) !== 'recorded' && messageTime(other, o.created_at) > mine;
  });
  return { outcome: newer ? 'superseded' : 'applied', message };
}

/**
 * Applies, once, the effects a message would have had on receipt had its person been known, now that a
 * member of staff matched it (inbox-view.ts). The row moves from `pending` to its outcome in one
 * conditional update, so of two matches or retries at once only one applies; the circles module audits
 * each step as that member of staff. Effects that fail put it back to `pending` for the next attempt.
 * Answers what came of it, or null when another attempt already took it.
 */
export async function applyLateEffects(deps: PlatformDeps, ctx: StaffContext, messageId: string, clientId: string): Promise<LateOutcome | null> {
  const row = await deps.db.selectFrom('medcom_message').select(['id', 'bundle', 'created_at', 'late_effects']).where('id', '=', messageId).where('organisation_id', '=', ctx.organisationId).where('client_id', '=', clientId).executeTakeFirst();
  if (row?.late_effects !== 'pending') return null;
  const { outcome, message } = await decide(deps.db, ctx.organisationId, clientId, row);
  const claimed = await deps.db.updateTable('medcom_message').set({ late_effects: outcome }).where('id', '=', messageId).where('late_effects', '=', 'pending').executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return null;
  if (outcome !== 'applied' || !message) return outcome;
  try {
    await applyMessage(deps, ctx, clientId, message);
  } catch (error) {
    await deps.db.updateTable('medcom_message').set({ late_effects: 'pending' }).where('id', '=', messageId).execute();
    throw error;
  }
  return outcome;
}
