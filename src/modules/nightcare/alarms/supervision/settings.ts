import { sql } from 'kysely';
import { actingAlliance, hasRole, type AccessContext } from '../../../../platform/access/index.js';
import type { PlatformDeps } from '../../../../platform/deps.js';
import { forbidden, notFound } from '../../../../platform/http/index.js';
import { assertCoordinator } from '../../../nightteam/index.js';
import { DEFAULT_TEST_INTERVAL_MINUTES, SILENT_AFTER_INTERVALS, effectiveInterval, type SourceKind } from './intervals.js';

/** The most sources one overview lists: silent ones first, so a large alliance still sees what matters. */
const LIST_LIMIT = 500;

/** Alliance administrators set supervision for their own alliance; another alliance answers as "not found". */
function adminAlliance(ctx: AccessContext, allianceId?: string): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators manage supervision');
  return actingAlliance(ctx, allianceId);
}

export interface SupervisedSourceView {
  kind: SourceKind;
  source: string;
  /** The alarm centre's name for a webhook source; null for a DC-09 account. */
  name: string | null;
  lastSeenAt: Date | null;
  /** Its own interval; null when the device-type default applies. */
  testIntervalMinutes: number | null;
  intervalMinutes: number;
  /** Since when it is reported silent; null while it speaks. */
  silentSince: Date | null;
}

export interface SupervisionOverview {
  allianceId: string;
  intakeSilenceMinutes: number;
  defaults: Record<SourceKind, number>;
  silentAfterIntervals: number;
  sources: SupervisedSourceView[];
}

export async function supervisionOverview(deps: PlatformDeps, ctx: AccessContext, allianceId?: string): Promise<SupervisionOverview> {
  const chosen = adminAlliance(ctx, allianceId);
  const alliance = await deps.db.selectFrom('alliance').select('intake_silence_minutes').where('id', '=', chosen).executeTakeFirstOrThrow();
  const rows = await deps.db
    .selectFrom('supervised_source as s')
    .leftJoin('organisation as o', (join) => join.on(sql<boolean>`s.kind = 'webhook' AND o.id::text = s.source`))
    .select(['s.kind', 's.source', 'o.name', 's.last_seen_at', 's.test_interval_minutes', 's.silent_since'])
    .where('s.alliance_id', '=', chosen)
    .orderBy(sql`s.silent_since IS NULL`)
    .orderBy('s.kind')
    .orderBy('s.source')
    .limit(LIST_LIMIT)
    .execute();
  return {
    allianceId: chosen,
    intakeSilenceMinutes: alliance.intake_silence_minutes,
    defaults: { ...DEFAULT_TEST_INTERVAL_MINUTES },
    silentAfterIntervals: SILENT_AFTER_INTERVALS,
    sources: rows.map((r) => ({
      kind: r.kind,
      source: r.source,
      name: r.name,
      lastSeenAt: r.last_seen_at,
      testIntervalMinutes: r.test_interval_minutes,
      intervalMinutes: effectiveInterval(r.kind, r.test_interval_minutes),
      silentSince: r.silent_since,
    })),
  };
}

export async function setIntakeSilenceMinutes(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; intakeSilenceMinutes: number }): Promise<void> {
  const chosen = adminAlliance(ctx, input.allianceId);
  await deps.db.updateTable('alliance').set({ intake_silence_minutes: input.intakeSilenceMinutes }).where('id', '=', chosen).execute();
}

/** Upserts a source's own interval; its silence deadline moves with it. A source not heard yet counts from now. */
async function storeInterval(deps: PlatformDeps, allianceId: string, kind: SourceKind, source: string, testIntervalMinutes: number | null) {
  const minutes = effectiveInterval(kind, testIntervalMinutes);
  const { rows } = await sql<{ last_seen_at: Date | null; silent_since: Date | null }>`
    INSERT INTO supervised_source AS s (alliance_id, kind, source, test_interval_minutes, due_at)
    VALUES (${allianceId}, ${kind}, ${source}, ${testIntervalMinutes}, now() + make_interval(mins => ${SILENT_AFTER_INTERVALS * minutes}))
    ON CONFLICT (alliance_id, kind, source) DO UPDATE
      SET test_interval_minutes = EXCLUDED.test_interval_minutes,
          due_at = coalesce(s.last_seen_at, s.created_at) + make_interval(mins => ${SILENT_AFTER_INTERVALS * minutes})
    RETURNING last_seen_at, silent_since`.execute(deps.db);
  return { kind, source, lastSeenAt: rows[0]?.last_seen_at ?? null, testIntervalMinutes, intervalMinutes: minutes, silentSince: rows[0]?.silent_since ?? null };
}

/**
 * Sets an account's own test interval (null: back to the device-type default). An account not heard
 * yet is registered by this, and counts as silent from now if it never speaks.
 */
export async function setAccountInterval(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; account: string; testIntervalMinutes: number | null }): Promise<SupervisedSourceView> {
  const chosen = adminAlliance(ctx, input.allianceId);
  return { ...(await storeInterval(deps, chosen, 'dc09', input.account.toUpperCase(), input.testIntervalMinutes)), name: null };
}

/** The same for an alarm centre of the alliance that posts alarms over the webhook; any other organisation is "not found". */
export async function setAlarmCentreInterval(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; organisationId: string; testIntervalMinutes: number | null }): Promise<SupervisedSourceView> {
  const chosen = adminAlliance(ctx, input.allianceId);
  const centre = await deps.db
    .selectFrom('organisation as o')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'o.id')
    .select('o.name')
    .where('o.id', '=', input.organisationId)
    .where('o.kind', '=', 'alarm_centre')
    .where('m.alliance_id', '=', chosen)
    .executeTakeFirst();
  if (!centre) throw notFound('Alarm centre');
  return { ...(await storeInterval(deps, chosen, 'webhook', input.organisationId, input.testIntervalMinutes)), name: centre.name };
}

/** Stops supervising an account (a device taken out of use); its open "device silent" alarm is closed. It returns once it speaks again. */
export async function forgetAccount(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; account: string }): Promise<void> {
  const chosen = adminAlliance(ctx, input.allianceId);
  await deps.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('supervised_source').where('alliance_id', '=', chosen).where('kind', '=', 'dc09').where('source', '=', input.account.toUpperCase()).returning('silent_alarm_id').executeTakeFirst();
    if (!gone) throw notFound('Supervised account');
    if (gone.silent_alarm_id) await trx.updateTable('alarm').set({ handled_at: new Date() }).where('id', '=', gone.silent_alarm_id).where('handled_at', 'is', null).execute();
  });
}

export interface IntakeStatus {
  /** The standing intake-silence alarm, or null. */
  intakeSilence: { quietSince: Date; raisedAt: Date; minutes: number } | null;
}

/** For the coordinator's board: whether intake has gone quiet tonight. */
export async function intakeStatus(deps: PlatformDeps, ctx: AccessContext, allianceId: string): Promise<IntakeStatus> {
  return deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const row = await trx
      .selectFrom('alliance as a')
      .leftJoin('intake_silence as i', 'i.alliance_id', 'a.id')
      .select(['a.intake_silence_minutes', 'i.quiet_since', 'i.raised_at'])
      .where('a.id', '=', allianceId)
      .executeTakeFirstOrThrow();
    return { intakeSilence: row.quiet_since && row.raised_at ? { quietSince: row.quiet_since, raisedAt: row.raised_at, minutes: row.intake_silence_minutes } : null };
  });
}
