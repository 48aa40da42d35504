import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../../platform/db/index.js';
import { DEFAULT_TEST_INTERVAL_MINUTES, SILENT_AFTER_INTERVALS, type SourceKind } from './intervals.js';

export interface Sighting {
  allianceId: string;
  kind: SourceKind;
  /** The DC-09 account or the alarm centre's organisation id. */
  source: string;
  at: Date;
}

/**
 * The upsert that records that a source spoke, as a fragment: a new night alarm runs it inside the
 * statement that opens its incident (no extra round trip on the path to the ACK). It also moves the time
 * the source would count as silent; the supervision sweep clears a standing "device silent" alarm.
 */
export function lastSeenUpsert(sighting: Sighting): RawBuilder<unknown> {
  const source = sighting.kind === 'dc09' ? sighting.source.toUpperCase() : sighting.source;
  const factor = SILENT_AFTER_INTERVALS;
  return sql`
    INSERT INTO supervised_source AS s (alliance_id, kind, source, last_seen_at, due_at)
    VALUES (${sighting.allianceId}, ${sighting.kind}, ${source}, ${sighting.at},
            ${sighting.at}::timestamptz + make_interval(mins => ${factor * DEFAULT_TEST_INTERVAL_MINUTES[sighting.kind]}))
    ON CONFLICT (alliance_id, kind, source) DO UPDATE
      SET last_seen_at = EXCLUDED.last_seen_at,
          due_at = EXCLUDED.last_seen_at + make_interval(mins => ${factor} * coalesce(s.test_interval_minutes, ${DEFAULT_TEST_INTERVAL_MINUTES[sighting.kind]}))
      -- A late retry must not move the time back.
      WHERE s.last_seen_at IS NULL OR s.last_seen_at < EXCLUDED.last_seen_at`;
}

/** One cheap upsert: for link tests, and for alarms that open no incident (run last in their transaction, so the row lock lasts only until the commit). */
export async function recordLastSeen(db: Executor, sighting: Sighting): Promise<void> {
  await lastSeenUpsert(sighting).execute(db);
}
