import type { Db, Executor } from '../../../platform/db/index.js';
import type { AnwRemoteAccessTable } from '../tables.js';

export const settingOf = (db: Executor, organisationId: string) =>
  db.selectFrom('anw_organisation_setting').select(['organisation_id', 'did', 'source_base_url', 'write_back_handover']).where('organisation_id', '=', organisationId).executeTakeFirst();

export const putSetting = (db: Db, organisationId: string, input: { did: string | null; sourceBaseUrl: string | null; writeBackHandover: boolean }) =>
  db
    .insertInto('anw_organisation_setting')
    .values({ organisation_id: organisationId, did: input.did, source_base_url: input.sourceBaseUrl, write_back_handover: input.writeBackHandover })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ did: input.did, source_base_url: input.sourceBaseUrl, write_back_handover: input.writeBackHandover, updated_at: new Date() }))
    .execute();

/**
 * The nurse's live assignment grant for an incident (made by night care when the incident was offered),
 * with the nurse's organisation and name: whose nurse the source is asked to let in.
 */
export const incidentAssignment = (db: Executor, incidentId: string, nurseUserId: string, live = true) => {
  let query = db
    .selectFrom('access_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .innerJoin('organisation as o', 'o.id', 'g.organisation_id')
    .select(['g.organisation_id', 'g.expires_at', 'u.name as nurse_name', 'o.name as organisation_name'])
    .where('g.reference', '=', `incident:${incidentId}`)
    .where('g.user_id', '=', nurseUserId);
  // The write-back after the visit names the nurse of the (now closed) assignment; a new request needs it live.
  if (live) query = query.where('g.revoked_at', 'is', null).where('g.expires_at', '>', new Date());
  return query.orderBy('g.granted_at', 'desc').executeTakeFirst();
};

export const organisationName = async (db: Executor, organisationId: string) =>
  (await db.selectFrom('organisation').select('name').where('id', '=', organisationId).executeTakeFirst())?.name ?? '';

export const remoteAccessOf = (db: Executor, incidentId: string) => db.selectFrom('anw_remote_access').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

type RemoteAccessRow = Omit<AnwRemoteAccessTable, 'created_at' | 'updated_at' | 'summary' | 'summary_fetched_at'>;

/** A new request replaces an earlier one for the incident (another nurse, a retry), and drops its summary. */
export const putRemoteAccess = (db: Db, row: RemoteAccessRow) =>
  db
    .insertInto('anw_remote_access')
    .values({ ...row, summary: null, summary_fetched_at: null })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ ...row, summary: null, summary_fetched_at: null, updated_at: new Date() }))
    .execute();

/** Whether this nurse's access at the source was asked for (and not refused or closed) already: the queue asks once. */
export async function hasLiveRequest(db: Executor, incidentId: string, nurseUserId: string): Promise<boolean> {
  const row = await db.selectFrom('anw_remote_access').select('status').where('incident_id', '=', incidentId).where('nurse_user_id', '=', nurseUserId).executeTakeFirst();
  return row?.status === 'requested' || row?.status === 'ready';
}

/** An offer withdrawn (declined, lapsed): what was asked for that nurse is never read through again. */
export const closeRemoteAccess = (db: Db, incidentId: string, nurseUserId: string) =>
  db.updateTable('anw_remote_access').set({ status: 'closed', summary: null, summary_fetched_at: null, updated_at: new Date() }).where('incident_id', '=', incidentId).where('nurse_user_id', '=', nurseUserId).execute();

export const saveSummary = (db: Db, incidentId: string, summary: unknown, at: Date) =>
  db.updateTable('anw_remote_access').set({ summary: JSON.stringify(summary), summary_fetched_at: at }).where('incident_id', '=', incidentId).execute();

/** The read-through copy lives as long as the assignment: gone once the incident has closed. */
export const dropSummary = (db: Db, incidentId: string) => db.updateTable('anw_remote_access').set({ summary: null, summary_fetched_at: null }).where('incident_id', '=', incidentId).execute();

/** Records a write-back once; false when it was sent before (so a retry sends nothing twice). */
export async function recordWriteBack(db: Executor, row: { incidentId: string; kind: 'nursing_report' | 'handover' | 'time'; remoteUrl: string | null; minutes: number | null }): Promise<void> {
  await db.insertInto('anw_write_back').values({ incident_id: row.incidentId, kind: row.kind, remote_url: row.remoteUrl, minutes: row.minutes }).onConflict((oc) => oc.doNothing()).execute();
}

export const writeBacksOf = async (db: Executor, incidentId: string) =>
  (await db.selectFrom('anw_write_back').select(['kind', 'remote_url', 'minutes']).where('incident_id', '=', incidentId).execute());
