import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** NEN 7513 asks for at least five years; a shorter setting is refused. */
export const MINIMUM_RETENTION_MONTHS = 60;

export interface ArchivedMonth {
  partition: string;
  from: Date;
  to: Date;
  entries: number;
}

const firstOfMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const monthsBefore = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));

/** The first month that must stay in the live log on `now` with this retention. */
export const retentionFloor = (now: Date, retentionMonths: number) => monthsBefore(firstOfMonth(now), retentionMonths);

interface Partition {
  name: string;
  from: Date;
  to: Date;
}

async function livePartitions(db: Db): Promise<Partition[]> {
  const { rows } = await sql<{ name: string; bound: string }>`
    SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'audit_log'::regclass`.execute(db);
  return rows.flatMap((r) => {
    const bounds = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(r.bound);
    return bounds ? [{ name: r.name, from: new Date(bounds[1]!), to: new Date(bounds[2]!) }] : [];
  });
}

/**
 * Moves every month of the live audit log that ends on or before `before` into audit_log_archive: a
 * detach and an attach, no row is copied or deleted, so ids, MACs and seals stay as they were and the
 * keyed chains still verify through the archived months. Months within the retention period stay.
 * Runs as the owner (the app's role may not change tables); each month in its own short transaction,
 * which holds up audit writes for the moment of the detach.
 */
export async function archiveAuditMonths(ownerDb: Db, before: Date, options: { retentionMonths: number; now?: Date }): Promise<ArchivedMonth[]> {
  if (options.retentionMonths < MINIMUM_RETENTION_MONTHS) throw new Error(`The audit log is kept at least ${MINIMUM_RETENTION_MONTHS} months; ${options.retentionMonths} is too short.`);
  const floor = retentionFloor(options.now ?? new Date(), options.retentionMonths);
  if (before > floor) throw new Error(`Months from ${floor.toISOString().slice(0, 7)} on are within the retention of ${options.retentionMonths} months and stay in the live log.`);
  const months = (await livePartitions(ownerDb)).filter((p) => p.to <= before).sort((a, b) => a.from.getTime() - b.from.getTime());
  const archived: ArchivedMonth[] = [];
  for (const month of months) {
    archived.push(
      await ownerDb.transaction().execute(async (trx) => {
        const name = sql.id(month.name);
        const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${name}`.execute(trx);
        await sql`ALTER TABLE audit_log DETACH PARTITION ${name}`.execute(trx);
        await sql`ALTER TABLE audit_log_archive ATTACH PARTITION ${name} FOR VALUES FROM (${sql.lit(month.from.toISOString())}) TO (${sql.lit(month.to.toISOString())})`.execute(trx);
        const entries = Number(rows[0]?.n ?? 0);
        await trx.insertInto('audit_archive_ledger').values({ partition_name: month.name, range_from: month.from, range_to: month.to, entries }).execute();
        return { partition: month.name, from: month.from, to: month.to, entries };
      }),
    );
  }
  return archived;
}
