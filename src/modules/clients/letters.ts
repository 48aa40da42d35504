import { actingAlliance, authorizeClients, hasRole, withClientAccess, type AccessContext, type ClientPermit } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { forbidden, invalid, notFound } from '../../platform/http/index.js';
import { sql } from 'kysely';
import { renderLetters, type AllianceFacts, type LetterData } from './letter-pdf.js';

const CHUNK = 200;
export const MAX_BATCH = 20_000;

/** The alliance's partners, GP posts and planned-visit setting, as the letter states them. */
async function allianceFacts(trx: Executor, allianceId: string): Promise<AllianceFacts> {
  const today = new Date().toISOString().slice(0, 10);
  const [organisations, alliance] = await Promise.all([
    trx
      .selectFrom('organisation as o')
      .innerJoin('data_sharing_agreement as d', 'd.organisation_id', 'o.id')
      .select(['o.name', 'o.kind'])
      .distinct()
      .where('d.alliance_id', '=', allianceId)
      .where('o.kind', 'in', ['care_provider', 'gp_post'])
      .where(sql<boolean>`d.purposes @> ARRAY['nightcare']::text[]`)
      .where('d.starts_on', '<=', today)
      .where((eb) => eb.or([eb('d.ends_on', 'is', null), eb('d.ends_on', '>=', today)]))
      .orderBy('o.name')
      .execute(),
    trx.selectFrom('alliance').select('planned_visits_enabled').where('id', '=', allianceId).executeTakeFirstOrThrow(),
  ]);
  return {
    partners: organisations.filter((o) => o.kind === 'care_provider').map((o) => o.name),
    gpPosts: organisations.filter((o) => o.kind === 'gp_post').map((o) => o.name),
    plannedVisitsEnabled: alliance.planned_visits_enabled,
  };
}

async function letterData(trx: Executor, permits: ClientPermit[]): Promise<(LetterData & { id: string })[]> {
  if (permits.length === 0) return [];
  const facts = new Map<string, AllianceFacts>();
  for (const allianceId of new Set(permits.map((p) => p.allianceId))) facts.set(allianceId, await allianceFacts(trx, allianceId));
  const rows = await trx
    .selectFrom('client')
    .innerJoin('organisation as o', 'o.id', 'client.organisation_id')
    .innerJoin('alliance as a', 'a.id', 'client.alliance_id')
    .select(['client.id', 'client.alliance_id', 'given_name as givenName', 'family_name as familyName', 'date_of_birth as dateOfBirth', 'street', 'house_number as houseNumber', 'postcode', 'client.city', 'o.name as organisationName', 'a.name as allianceName'])
    .where('client.id', 'in', permits.map((p) => p.clientId))
    .orderBy('postcode')
    .orderBy('family_name')
    .execute();
  return rows.map(({ alliance_id, ...row }) => ({ ...row, alliance: facts.get(alliance_id) ?? { partners: [], gpPosts: [], plannedVisitsEnabled: false } }));
}

/** One client's information letter as a PDF; only the home organisation writes to its clients. */
export async function singleLetter(deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<Buffer> {
  const [letter] = await withClientAccess(deps.db, ctx, clientId, { level: 'record', action: 'generate_letter', resource: 'letter' }, (trx, permit) => letterData(trx, [permit]));
  if (!letter) throw notFound('Client');
  return renderLetters([letter]);
}

export interface BatchRequest {
  scope: 'unsent' | 'all' | 'selected';
  clientIds?: string[];
  markSent: boolean;
}

async function batchClientIds(deps: PlatformDeps, ctx: AccessContext, request: BatchRequest): Promise<string[]> {
  if (request.scope === 'selected') {
    if (!request.clientIds?.length) throw invalid('Choose at least one client', [{ path: 'clientIds', code: 'too_small', message: 'Choose at least one client' }]);
    return request.clientIds;
  }
  // The letter tells clients their data is shared for night care: only those the night team serves get one.
  let query = deps.db
    .selectFrom('client')
    .select('id')
    .where('organisation_id', '=', ctx.organisationId)
    .where('care_ended_on', 'is', null)
    .where((eb) => eb.or([eb('district_nursing', '=', true), eb('personal_alarm', '=', true)]));
  if (request.scope === 'unsent') query = query.where('letter_sent_at', 'is', null);
  return (await query.orderBy('postcode').execute()).map((r) => r.id);
}

/** Starts generating a merged PDF for many clients in the background; progress is readable while it runs. */
export async function startLetterBatch(deps: PlatformDeps, ctx: AccessContext, request: BatchRequest): Promise<{ id: string; total: number }> {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'organisation_admin')) throw forbidden('Only organisation administrators send information letters');
  const allianceId = actingAlliance(ctx);
  const ids = await batchClientIds(deps, ctx, request);
  if (ids.length === 0) throw invalid('There are no clients to write to', [{ path: 'scope', code: 'empty', message: 'No clients match' }]);
  if (ids.length > MAX_BATCH) throw invalid(`At most ${MAX_BATCH} letters per batch`);
  const batch = await deps.db
    .insertInto('letter_batch')
    .values({ alliance_id: allianceId, organisation_id: ctx.organisationId, created_by: ctx.actorId, total: ids.length, mark_sent: request.markSent })
    .returning('id')
    .executeTakeFirstOrThrow();
  void runBatch(deps, ctx, batch.id, ids, request.markSent).catch(async () => {
    await deps.db.updateTable('letter_batch').set({ status: 'failed', finished_at: new Date() }).where('id', '=', batch.id).execute();
  });
  return { id: batch.id, total: ids.length };
}

async function runBatch(deps: PlatformDeps, ctx: AccessContext, batchId: string, ids: string[], markSent: boolean): Promise<void> {
  const letters: (LetterData & { id: string })[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await deps.db.transaction().execute(async (trx) => {
      const permits = await authorizeClients(trx, ctx, chunk, { level: 'record', action: 'generate_letter', resource: 'letter' });
      return letterData(trx, [...permits.values()]);
    });
    letters.push(...rows);
    await deps.db.updateTable('letter_batch').set({ done: Math.min(i + CHUNK, ids.length) }).where('id', '=', batchId).execute();
  }
  const pdf = await renderLetters(letters);
  await deps.db.transaction().execute(async (trx) => {
    if (markSent && letters.length) {
      const sentAt = new Date();
      const allianceId = actingAlliance(ctx);
      for (let i = 0; i < letters.length; i += CHUNK) {
        const chunk = letters.slice(i, i + CHUNK);
        await trx.insertInto('information_letter').values(chunk.map((l) => ({ alliance_id: allianceId, organisation_id: ctx.organisationId, client_id: l.id, batch_id: batchId, generated_by: ctx.actorId, sent_at: sentAt }))).execute();
        await trx.updateTable('client').set({ letter_sent_at: sentAt }).where('id', 'in', chunk.map((l) => l.id)).execute();
      }
    }
    await trx.updateTable('letter_batch').set({ status: 'done', done: ids.length, pdf, finished_at: new Date() }).where('id', '=', batchId).execute();
  });
}

export async function letterBatchStatus(deps: PlatformDeps, ctx: AccessContext, batchId: string) {
  const row = await deps.db
    .selectFrom('letter_batch')
    .select(['id', 'total', 'done', 'status', 'created_at', 'finished_at'])
    .where('id', '=', batchId)
    .where('organisation_id', '=', ctx.organisationId)
    .executeTakeFirst();
  if (!row) throw notFound('Letter batch');
  return row;
}

export async function letterBatchPdf(deps: PlatformDeps, ctx: AccessContext, batchId: string): Promise<Buffer> {
  const row = await deps.db.selectFrom('letter_batch').select(['pdf', 'status']).where('id', '=', batchId).where('organisation_id', '=', ctx.organisationId).executeTakeFirst();
  if (!row?.pdf) throw notFound('Letter batch PDF');
  return row.pdf;
}
