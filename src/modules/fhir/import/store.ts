import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/index.js';
import type { FhirImportSourceTable } from '../tables.js';

export type SourceRow = Selectable<FhirImportSourceTable>;

/** A run may take this long before another instance may take the source over (a crashed instance's lease lapses). */
const LEASE_MINUTES = 15;

export interface SourceWrite {
  organisationId: string;
  allianceId: string;
  baseUrl: string;
  clientNumberSystem: string;
  authKind: SourceRow['auth_kind'];
  tokenUrl: string | null;
  oauthClientId: string | null;
  secretEnc: string | null;
  districtNursing: boolean;
  intervalMinutes: number;
  enabled: boolean;
  actingUserId: string;
}

export const readSource = (db: Db, organisationId: string) => db.selectFrom('fhir_import_source').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();

/** Saves the organisation's source; a changed set-up runs at once (next_run_at now). */
export async function saveSource(db: Db, s: SourceWrite): Promise<SourceRow> {
  const values = {
    alliance_id: s.allianceId,
    base_url: s.baseUrl,
    client_number_system: s.clientNumberSystem,
    auth_kind: s.authKind,
    token_url: s.tokenUrl,
    oauth_client_id: s.oauthClientId,
    secret_enc: s.secretEnc,
    district_nursing: s.districtNursing,
    interval_minutes: s.intervalMinutes,
    enabled: s.enabled,
    acting_user_id: s.actingUserId,
    next_run_at: new Date(),
    updated_at: new Date(),
  };
  return db
    .insertInto('fhir_import_source')
    .values({ organisation_id: s.organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const deleteSource = async (db: Db, organisationId: string) =>
  Number((await db.deleteFrom('fhir_import_source').where('organisation_id', '=', organisationId).executeTakeFirst()).numDeletedRows);

/**
 * Claims one due source for this instance: the next run is moved on and a lease taken in the same
 * statement, and a source another instance is claiming is skipped (SKIP LOCKED), so each due sync
 * runs once however many instances sweep.
 */
export async function claimDueSource(db: Db, now: Date): Promise<SourceRow | undefined> {
  const { rows } = await sql<SourceRow>`
    UPDATE fhir_import_source s
    SET next_run_at = ${now}::timestamptz + make_interval(mins => s.interval_minutes),
        running_until = ${now}::timestamptz + make_interval(mins => ${LEASE_MINUTES})
    WHERE s.organisation_id = (
      SELECT organisation_id FROM fhir_import_source
      WHERE enabled AND next_run_at <= ${now} AND (running_until IS NULL OR running_until < ${now})
      ORDER BY next_run_at LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING s.*`.execute(db);
  return rows[0];
}

/** Claims the organisation's source for a run asked for now; undefined while another run holds it. */
export async function claimSource(db: Db, organisationId: string, now: Date): Promise<SourceRow | undefined> {
  const { rows } = await sql<SourceRow>`
    UPDATE fhir_import_source s
    SET next_run_at = ${now}::timestamptz + make_interval(mins => s.interval_minutes),
        running_until = ${now}::timestamptz + make_interval(mins => ${LEASE_MINUTES})
    WHERE s.organisation_id = ${organisationId} AND (s.running_until IS NULL OR s.running_until < ${now})
    RETURNING s.*`.execute(db);
  return rows[0];
}

export const releaseSource = (db: Db, organisationId: string) =>
  db.updateTable('fhir_import_source').set({ running_until: null }).where('organisation_id', '=', organisationId).execute();

export interface RunError {
  /** The source's resource it is about (`Patient/123`), absent for a failure of the whole run. */
  reference?: string;
  clientNumber?: string;
  code: string;
  message: string;
}

export interface RunWrite {
  allianceId: string;
  organisationId: string;
  startedAt: Date;
  status: 'ok' | 'partial' | 'failed';
  counts: { created: number; updated: number; ended: number; unchanged: number };
  errors: RunError[];
}

export const insertRun = (db: Db, run: RunWrite) =>
  db
    .insertInto('fhir_import_run')
    .values({ alliance_id: run.allianceId, organisation_id: run.organisationId, started_at: run.startedAt, status: run.status, ...run.counts, errors: JSON.stringify(run.errors) })
    .returningAll()
    .executeTakeFirstOrThrow();

export const runsOf = (db: Db, organisationId: string, limit: number) =>
  db.selectFrom('fhir_import_run').selectAll().where('organisation_id', '=', organisationId).orderBy('started_at', 'desc').limit(limit).execute();

export const allowedHosts = async (db: Db, allianceId: string) =>
  (await db.selectFrom('fhir_import_allowed_host').select('host').where('alliance_id', '=', allianceId).orderBy('host').execute()).map((r) => r.host);

/** Replaces the alliance's list in one transaction, so a sync never sees it half written. */
export async function setAllowedHosts(db: Db, allianceId: string, hosts: string[], userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('fhir_import_allowed_host').where('alliance_id', '=', allianceId).execute();
    if (hosts.length > 0) await trx.insertInto('fhir_import_allowed_host').values(hosts.map((host) => ({ alliance_id: allianceId, host, added_by: userId }))).execute();
  });
}
