import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { Urgency } from '../incidents/triage.js';
import type { GpPostArea, PostcodeRange } from './area.js';

type Trx = Transaction<Database>;

/** GP posts that are members of the alliance, by id. */
export const gpPostsOf = (trx: Trx, allianceId: string, ids?: string[]) => {
  let query = trx
    .selectFrom('organisation as o')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'o.id')
    .select(['o.id', 'o.name'])
    .where('m.alliance_id', '=', allianceId)
    .where('o.kind', '=', 'gp_post');
  if (ids) query = query.where('o.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return query.orderBy('o.name').execute();
};

export async function areasOf(trx: Trx, allianceId: string): Promise<GpPostArea[]> {
  const rows = await trx.selectFrom('gp_post_area').select(['gp_post_id', 'postcode_from', 'postcode_to']).where('alliance_id', '=', allianceId).orderBy('postcode_from').execute();
  return rows.map((r) => ({ gpPostId: r.gp_post_id, from: r.postcode_from, to: r.postcode_to }));
}

export async function replaceAreas(trx: Trx, allianceId: string, gpPostId: string, ranges: PostcodeRange[]): Promise<void> {
  await trx.deleteFrom('gp_post_area').where('alliance_id', '=', allianceId).where('gp_post_id', '=', gpPostId).execute();
  if (ranges.length === 0) return;
  await trx
    .insertInto('gp_post_area')
    .values(ranges.map((r) => ({ alliance_id: allianceId, gp_post_id: gpPostId, postcode_from: r.from, postcode_to: r.to })))
    .execute();
}

/**
 * The client's own GP post, the fallback when no area covers the address. Called only after the access
 * layer has permitted (and audited) the caller's identification of this client: the clients module
 * exports no accessor for this one column yet.
 */
export const permittedClientGpPost = async (trx: Trx, permittedClientId: string) =>
  (await trx.selectFrom('client').select('gp_post_id').where('id', '=', permittedClientId).executeTakeFirst())?.gp_post_id ?? null;

export async function insertReferral(
  trx: Trx,
  r: { incidentId: string; gpPostId: string; reason: string; urgency: Urgency; summary: string; sentBy: string; byPhone: boolean },
): Promise<{ id: string; sent_at: Date }> {
  return trx
    .insertInto('gp_referral')
    .values({ incident_id: r.incidentId, gp_post_id: r.gpPostId, reason: r.reason, urgency: r.urgency, summary: r.summary, sent_by: r.sentBy, by_phone: r.byPhone })
    .returning(['id', 'sent_at'])
    .executeTakeFirstOrThrow();
}

const referralColumns = [
  'g.id',
  'g.incident_id',
  'g.gp_post_id',
  'g.reason',
  'g.urgency',
  'g.summary',
  'g.status',
  'g.answer',
  'g.outcome',
  'g.sent_at',
  'g.answered_at',
  'sender.name as sent_by_name',
  'answerer.name as answered_by_name',
  'i.client_id',
  'i.alliance_id',
  'i.status as incident_status',
  'i.reason as incident_reason',
  'i.received_at as incident_received_at',
] as const;

const referrals = (trx: Trx) =>
  trx
    .selectFrom('gp_referral as g')
    .innerJoin('incident as i', 'i.id', 'g.incident_id')
    .innerJoin('app_user as sender', 'sender.id', 'g.sent_by')
    .leftJoin('app_user as answerer', 'answerer.id', 'g.answered_by')
    .select(referralColumns);

/** A referral only as seen by its own GP post: another post's referral is simply not there. */
export const referralForPost = (trx: Trx, id: string, gpPostId: string) => referrals(trx).where('g.id', '=', id).where('g.gp_post_id', '=', gpPostId).executeTakeFirst();

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof referralForPost>>>;

export const referralsForPost = (trx: Trx, gpPostId: string, status?: 'sent' | 'answered') => {
  let query = referrals(trx).where('g.gp_post_id', '=', gpPostId);
  if (status) query = query.where('g.status', '=', status);
  return query.orderBy('g.sent_at', 'desc').limit(200).execute();
};

export const lockReferral = (trx: Trx, id: string, gpPostId: string) =>
  trx.selectFrom('gp_referral').select(['id', 'incident_id', 'status']).where('id', '=', id).where('gp_post_id', '=', gpPostId).forUpdate().executeTakeFirst();

/** For the night team's side: any referral by id; the caller checks access through its incident. */
export const lockReferralById = (trx: Trx, id: string) => trx.selectFrom('gp_referral').select(['id', 'incident_id', 'status', 'by_phone']).where('id', '=', id).forUpdate().executeTakeFirst();

export async function storeAnswer(trx: Trx, id: string, a: { answer: string; outcome: string; answeredBy: string; at: Date }): Promise<void> {
  await trx.updateTable('gp_referral').set({ status: 'answered', answer: a.answer, outcome: a.outcome, answered_by: a.answeredBy, answered_at: a.at }).where('id', '=', id).execute();
}
