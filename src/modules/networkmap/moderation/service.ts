import type { StaffContext } from '../../../platform/access/index.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import type { MailTemplate } from '../../../platform/mail/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { changeInitiative, dayOf, history, lockInitiative } from '../initiatives/store.js';
import { decide, needsReason, type Decision } from '../lifecycle.js';
import { editPath, mailSubmitter } from '../public/mail.js';
import type { SupportStatus } from '../tables.js';
import { newToken } from '../tokens.js';
import { moderationLevelOf, visibleTo } from './access.js';

const MAIL: Record<'accepted' | 'changes_requested' | 'rejected', MailTemplate> = {
  accepted: 'networkmapAccepted',
  changes_requested: 'networkmapChangesRequested',
  rejected: 'networkmapRejected',
};

/** What waits for this moderator: the network's new calls, or everything sent on for a national look. */
export async function queue(deps: NetworkMapDeps, ctx: StaffContext) {
  const level = await moderationLevelOf(deps.db, ctx);
  const rows = await deps.db
    .selectFrom('initiative')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    .innerJoin('organisation as n', 'n.id', 'initiative.network_id')
    .select(['initiative.id', 'initiative.title', 'initiative.summary', 'initiative.status', 'initiative.status_reason', 'm.name as municipality', 'n.name as network', 'initiative.partner_names', 'initiative.contact_name', 'initiative.contact_email', 'initiative.contact_phone', 'initiative.contact_publish', 'initiative.wants_support', 'initiative.support_status', 'initiative.updated_at'])
    .where('initiative.status', 'in', level === 'network' ? ['submitted', 'changes_requested', 'national_review'] : ['national_review'])
    .$if(level === 'network', (q) => q.where('initiative.network_id', '=', ctx.organisationId))
    .orderBy('initiative.updated_at')
    .execute();
  return { level, items: rows.map((r) => ({ ...r, updated_at: r.updated_at.toISOString() })) };
}

/**
 * A moderation decision, checked against the lifecycle table under a row lock (two moderators deciding
 * at once: the second finds the state already moved and is refused). The submitter hears the outcome;
 * a request for changes carries a fresh private link.
 */
export async function decideOn(deps: NetworkMapDeps, ctx: StaffContext, id: string, decision: Decision, reason: string) {
  if (needsReason(decision) && reason.trim() === '') throw invalid('Say why', [{ path: 'reason', code: 'required', message: 'a reason is required' }]);
  const level = await moderationLevelOf(deps.db, ctx);
  const edit = newToken();
  const { row, next } = await deps.db.transaction().execute(async (trx) => {
    const found = await lockInitiative(trx, { id });
    if (!found || !visibleTo(level, ctx, found.network_id)) throw notFound('Initiative');
    const to = decide(found.status, level, decision);
    if (!to) throw invalid(`A ${level} moderator cannot ${decision} an initiative that is ${found.status}`, [{ path: 'decision', code: 'not_allowed', message: found.status }]);
    const accepted = to === 'accepted';
    await changeInitiative(
      trx, found,
      { status: to, status_reason: reason, ...(accepted ? { accepted_at: deps.now(), last_verified_on: dayOf(deps.now()) } : {}), ...(to === 'changes_requested' ? { edit_token_hash: edit.hash } : {}) },
      { actor_kind: 'user', actor_user_id: ctx.actorId, action: `${level}_${decision}`, reason },
      deps.now(),
    );
    return { row: found, next: to };
  });
  if (next === 'accepted' || next === 'changes_requested' || next === 'rejected') {
    await mailSubmitter(deps, { email: row.contact_email, allianceId: row.alliance_id }, MAIL[next], { name: row.contact_name, title: row.title, reason }, next === 'changes_requested' ? editPath(edit.token) : undefined);
  }
  return { id, status: next };
}

/** Follow-up of "would like support" and re-verification by the network: both land in the history too. */
export async function followUp(deps: NetworkMapDeps, ctx: StaffContext, id: string, change: { supportStatus?: SupportStatus; verified?: boolean }) {
  const level = await moderationLevelOf(deps.db, ctx);
  await deps.db.transaction().execute(async (trx) => {
    const found = await lockInitiative(trx, { id });
    if (!found || !visibleTo(level, ctx, found.network_id)) throw notFound('Initiative');
    await changeInitiative(
      trx, found,
      { ...(change.supportStatus ? { support_status: change.supportStatus } : {}), ...(change.verified ? { last_verified_on: dayOf(deps.now()) } : {}) },
      { actor_kind: 'user', actor_user_id: ctx.actorId, action: 'followed_up' },
      deps.now(),
    );
  });
}

/** The full history of one initiative, for its moderators. */
export async function historyOf(deps: NetworkMapDeps, ctx: StaffContext, id: string) {
  const level = await moderationLevelOf(deps.db, ctx);
  const found = await deps.db.selectFrom('initiative').select(['network_id']).where('id', '=', id).executeTakeFirst();
  if (!found || !visibleTo(level, ctx, found.network_id)) throw notFound('Initiative');
  const events = await history(deps.db, id);
  return events.map((e) => ({ ...e, at: e.at.toISOString() }));
}
