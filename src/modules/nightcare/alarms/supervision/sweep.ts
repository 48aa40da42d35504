import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../../../../platform/db/index.js';
import type { PlatformDeps } from '../../../../platform/deps.js';
import { linkAlarmAccount } from '../../../clients/index.js';
import { notifyIncident } from '../../live.js';
import { DEVICE_SILENT, effectiveInterval, type SilenceDetails } from './intervals.js';
import { intakeQuietSince } from './intake-silence.js';

type Trx = Transaction<Database>;
const SUPERVISION_ACTOR = 'supervision';
/** Per run; the rest waits for the next sweep, so one run never holds many row locks for long. */
const BATCH = 200;

export interface SupervisionSweep {
  /** "Device silent" alarms raised and cleared. */
  raised: number;
  cleared: number;
  /** Alliances whose intake-silence alarm went up or down. */
  intakeRaised: number;
  intakeCleared: number;
}

/**
 * One pass of source supervision, safe on every instance at once: rows are claimed with
 * FOR UPDATE SKIP LOCKED and every alarm is an idempotent insert, so two sweeps never raise one twice.
 * `now` is injectable so tests move the clock instead of sleeping.
 */
export async function sweepSupervision(deps: PlatformDeps, now = new Date()): Promise<SupervisionSweep> {
  const cleared = await clearSpokenSources(deps.db, now);
  const raised = await raiseSilentSources(deps.db, now);
  const intake = await checkIntakeSilence(deps.db, now);
  return { raised, cleared, ...intake };
}

/** A source that spoke after its "device silent" alarm: the alarm leaves the technical queue. */
async function clearSpokenSources(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ alliance_id: string; n: string }>`
      WITH spoken AS (
        SELECT alliance_id, kind, source, silent_alarm_id FROM supervised_source
        WHERE silent_alarm_id IS NOT NULL AND last_seen_at > silent_since
        FOR UPDATE SKIP LOCKED LIMIT ${BATCH}
      ), reset AS (
        UPDATE supervised_source s SET silent_alarm_id = NULL, silent_since = NULL FROM spoken
        WHERE s.alliance_id = spoken.alliance_id AND s.kind = spoken.kind AND s.source = spoken.source
      ), handled AS (
        UPDATE alarm SET handled_at = ${now} FROM spoken WHERE alarm.id = spoken.silent_alarm_id AND alarm.handled_at IS NULL
      )
      SELECT alliance_id, count(*) AS n FROM spoken GROUP BY alliance_id`.execute(trx);
    for (const row of rows) await notifyIncident(trx, { allianceId: row.alliance_id, incidentId: null, type: 'technical_handled' });
    return rows.reduce((sum, r) => sum + Number(r.n), 0);
  });
}

/** Sources silent for twice their test interval get one "device silent" alarm in the technical queue. */
async function raiseSilentSources(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('supervised_source')
      .select(['alliance_id', 'kind', 'source', 'last_seen_at', 'created_at', 'test_interval_minutes'])
      .where('silent_alarm_id', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    const alliances = new Set<string>();
    for (const source of due) {
      const since = source.last_seen_at ?? source.created_at;
      const alarmId = await raiseDeviceSilent(trx, { ...source, since, intervalMinutes: effectiveInterval(source.kind, source.test_interval_minutes) }, now);
      await trx
        .updateTable('supervised_source')
        .set({ silent_alarm_id: alarmId, silent_since: since })
        .where('alliance_id', '=', source.alliance_id)
        .where('kind', '=', source.kind)
        .where('source', '=', source.source)
        .execute();
      alliances.add(source.alliance_id);
    }
    for (const allianceId of alliances) await notifyIncident(trx, { allianceId, incidentId: null, type: 'technical_alarm' });
    return due.length;
  });
}

interface SilentSource {
  alliance_id: string;
  kind: 'dc09' | 'webhook';
  source: string;
  since: Date;
  intervalMinutes: number;
}

/** The alarm for one silence: keyed by the source and the time it went quiet, so it is stored once. */
async function raiseDeviceSilent(trx: Trx, source: SilentSource, now: Date): Promise<string> {
  const dedupKey = `silent:${source.kind}:${source.source}:${source.since.toISOString()}`;
  const account = source.kind === 'dc09' ? source.source : null;
  const client = account ? await linkAlarmAccount(trx, source.alliance_id, account, SUPERVISION_ACTOR) : undefined;
  const name = source.kind === 'webhook' ? await alarmCentreName(trx, source.source) : null;
  const silence: SilenceDetails = { kind: source.kind, source: source.source, name, lastSeenAt: source.since.toISOString(), intervalMinutes: source.intervalMinutes };
  const raw = JSON.stringify(silence);
  const inserted = await trx
    .insertInto('alarm')
    .values({ alliance_id: source.alliance_id, source: 'supervision', dedup_key: dedupKey, account, reason: DEVICE_SILENT, queue: 'technical', client_id: client?.clientId ?? null, raw, received_at: now })
    .onConflict((oc) => oc.columns(['alliance_id', 'source', 'dedup_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await trx.selectFrom('alarm').select('id').where('alliance_id', '=', source.alliance_id).where('source', '=', 'supervision').where('dedup_key', '=', dedupKey).executeTakeFirstOrThrow();
  return existing.id;
}

const alarmCentreName = async (trx: Trx, organisationId: string): Promise<string | null> =>
  (await trx.selectFrom('organisation').select('name').where('id', '=', organisationId).executeTakeFirst())?.name ?? null;

/**
 * Raises or lowers each alliance's intake-silence alarm; an insert or delete that finds nothing to do
 * notifies nobody. Only alliances that have ever received a frame or webhook are watched: one without
 * alarm intake (respite, the network map) has nothing to fall silent.
 */
async function checkIntakeSilence(db: Db, now: Date): Promise<{ intakeRaised: number; intakeCleared: number }> {
  const alliances = await db
    .selectFrom('alliance as a')
    .innerJoin(
      (eb) => eb.selectFrom('supervised_source').select(['alliance_id', (e) => e.fn.max('last_seen_at').as('last_seen_at')]).groupBy('alliance_id').as('s'),
      (join) => join.onRef('s.alliance_id', '=', 'a.id'),
    )
    .leftJoin('intake_silence as i', 'i.alliance_id', 'a.id')
    .select(['a.id', 'a.time_zone', 'a.night_shift_start', 'a.night_shift_end', 'a.intake_silence_minutes', 's.last_seen_at', 'i.quiet_since'])
    .execute();
  let intakeRaised = 0;
  let intakeCleared = 0;
  for (const a of alliances) {
    const quietSince = intakeQuietSince({ now, lastSeenAt: a.last_seen_at, zone: a.time_zone, shift: { start: a.night_shift_start, end: a.night_shift_end }, minutes: a.intake_silence_minutes });
    if (quietSince && !a.quiet_since) intakeRaised += await raiseIntakeSilence(db, a.id, quietSince, now);
    if (!quietSince && a.quiet_since) intakeCleared += await clearIntakeSilence(db, a.id);
  }
  return { intakeRaised, intakeCleared };
}

async function raiseIntakeSilence(db: Db, allianceId: string, quietSince: Date, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('intake_silence').values({ alliance_id: allianceId, quiet_since: quietSince, raised_at: now }).onConflict((oc) => oc.column('alliance_id').doNothing()).returning('alliance_id').executeTakeFirst();
    if (!row) return 0;
    await notifyIncident(trx, { allianceId, incidentId: null, type: 'intake_silent' });
    return 1;
  });
}

async function clearIntakeSilence(db: Db, allianceId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('intake_silence').where('alliance_id', '=', allianceId).returning('alliance_id').executeTakeFirst();
    if (!row) return 0;
    await notifyIncident(trx, { allianceId, incidentId: null, type: 'intake_resumed' });
    return 1;
  });
}
