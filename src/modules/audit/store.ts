import type { Db, ReadDb } from '../../platform/db/index.js';
import type { AuditQuery } from './schemas.js';

/**
 * Entries of the organisation's own staff and entries about its clients, newest first. Two index walks
 * merged here rather than one query with OR: on a log of millions the OR makes PostgreSQL collect and
 * sort every entry of the organisation before the first page, each walk stops after one page.
 */
export async function auditEntries(db: ReadDb, organisationId: string, query: AuditQuery) {
  const [byStaff, aboutClients] = await Promise.all([
    filteredEntries(db, query).where('l.organisation_id', '=', organisationId).execute(),
    // The other organisations' entries about our clients; our own staff's are in the first walk.
    filteredEntries(db, query)
      .where('l.client_organisation_id', '=', organisationId)
      .where((eb) => eb.or([eb('l.organisation_id', '!=', organisationId), eb('l.organisation_id', 'is', null)]))
      .execute(),
  ]);
  return [...byStaff, ...aboutClients].sort((a, b) => b.id - a.id).slice(0, query.limit);
}

function filteredEntries(db: ReadDb, query: AuditQuery) {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('organisation as o', 'o.id', 'l.organisation_id')
    .select(['l.id', 'l.at', 'l.user_name', 'l.organisation_id', 'o.name as organisation_name', 'l.role', 'l.client_id', 'l.alliance_id', 'l.client_organisation_id', 'l.action', 'l.resource', 'l.fields', 'l.purpose', 'l.reason', 'l.outcome']);
  if (query.clientId) q = q.where('l.client_id', '=', query.clientId);
  if (query.userId) q = q.where('l.user_id', '=', query.userId);
  if (query.action) q = q.where('l.action', '=', query.action);
  if (query.outcome) q = q.where('l.outcome', '=', query.outcome);
  if (query.purpose) q = q.where('l.purpose', '=', query.purpose);
  if (query.from) q = q.where('l.at', '>=', new Date(query.from));
  if (query.to) q = q.where('l.at', '<', new Date(query.to));
  if (query.before) q = q.where('l.id', '<', query.before);
  return q.orderBy('l.id', 'desc').limit(query.limit);
}

/** Every recorded access to one client, oldest first, for the client's own report. */
export const clientAccessTrail = (db: Db, clientId: string) =>
  db
    .selectFrom('audit_log as l')
    .leftJoin('organisation as o', 'o.id', 'l.organisation_id')
    .select(['l.id', 'l.at', 'l.user_name', 'l.organisation_id', 'o.name as organisation_name', 'l.role', 'l.client_id', 'l.action', 'l.resource', 'l.fields', 'l.purpose', 'l.reason', 'l.outcome'])
    .where('l.client_id', '=', clientId)
    .orderBy('l.id')
    .execute();

export function emergencyGrants(db: Db, clientOrganisationId: string, status?: string) {
  let q = db
    .selectFrom('access_grant as g')
    .innerJoin('client as c', 'c.id', 'g.client_id')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .innerJoin('organisation as o', 'o.id', 'g.organisation_id')
    .select(['g.id', 'g.client_id', 'g.alliance_id', 'c.given_name', 'c.family_name', 'u.name as user_name', 'o.name as organisation_name', 'g.reason', 'g.granted_at', 'g.expires_at', 'g.review_status', 'g.review_note'])
    .where('g.kind', '=', 'emergency')
    .where('c.organisation_id', '=', clientOrganisationId);
  if (status) q = q.where('g.review_status', '=', status as 'pending');
  return q.orderBy('g.granted_at', 'desc').limit(200).execute();
}

/** Names of the organisation's own clients among `clientIds`: the administrator sees those anyway; another organisation's client stays an id. */
export async function ownClientNames(db: Db, organisationId: string, clientIds: string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db.selectFrom('client').select(['id', 'given_name', 'family_name']).where('organisation_id', '=', organisationId).where('id', 'in', [...new Set(clientIds)]).execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`]));
}
