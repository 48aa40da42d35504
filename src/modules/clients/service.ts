import { actingAlliance, authorizeClients, hasRole, readClientAudited, readClientsAudited, requestEmergencyAccess, withClientAccess, type AccessContext, type AccessRequest } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, forbidden } from '../../platform/http/index.js';
import type { ClientCreate, ClientRecord, ClientSearchQuery, ClientUpdate, Identification, NightSummaryView } from './schemas.js';
import * as store from './store.js';
import { clientRecordView, identificationView, nightSummaryView } from './views.js';

/** The alliance a new client joins: the one named, else the acting alliance. */
export function allianceForNewClient(ctx: AccessContext, requested?: string): string {
  return actingAlliance(ctx, requested);
}

/** Clients are registered by the care organisation they are clients of: a GP post or an alarm centre has none of its own. */
export async function assertMayRegisterClients(deps: PlatformDeps, ctx: AccessContext): Promise<void> {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'organisation_admin', 'coordinator')) throw forbidden('Only organisation administrators and coordinators register clients');
  if ((await store.organisationKind(deps.db, ctx.organisationId)) !== 'care_provider') throw forbidden('Only care organisations register clients');
}

/**
 * References a client row points at must be valid before the insert: an unknown GP post, a taken alarm
 * account or CPR number is the caller's error. Inside a transaction, pass it: a request that held its
 * connection while waiting for others from the pool could, with enough at once, stall the whole pool.
 */
export async function checkReferences(
  executor: Executor,
  allianceId: string,
  clients: Pick<ClientCreate, 'alarmAccount' | 'gpPostId' | 'cpr'>[],
  exceptClientIds: string[] = [],
): Promise<Map<number, { path: string; message: string }[]>> {
  const accounts = clients.map((c) => c.alarmAccount).filter((a): a is string => !!a);
  const [taken, cprsTaken, gpPosts] = await Promise.all([
    store.alarmAccountsTaken(executor, allianceId, accounts, exceptClientIds),
    store.cprsTaken(executor, allianceId, clients.map((c) => c.cpr).filter((n): n is string => !!n), exceptClientIds),
    store.gpPostsIn(executor, allianceId, clients.map((c) => c.gpPostId).filter((g): g is string => !!g)),
  ]);
  const problems = new Map<number, { path: string; message: string }[]>();
  const seen = new Set<string>();
  clients.forEach((c, index) => {
    const list: { path: string; message: string }[] = [];
    if (c.alarmAccount && (taken.has(c.alarmAccount) || seen.has(c.alarmAccount))) list.push({ path: 'alarmAccount', message: 'This alarm account is already linked to another client' });
    if (c.alarmAccount) seen.add(c.alarmAccount);
    if (c.cpr && (cprsTaken.has(c.cpr) || seen.has(`cpr:${c.cpr}`))) list.push({ path: 'cpr', message: 'This CPR number belongs to another client' });
    if (c.cpr) seen.add(`cpr:${c.cpr}`);
    if (c.gpPostId && !gpPosts.has(c.gpPostId)) list.push({ path: 'gpPostId', message: 'Unknown GP post in this alliance' });
    if (list.length) problems.set(index, list);
  });
  return problems;
}

const sealKeySafe = (deps: PlatformDeps, code: string | undefined) => (code ? deps.secretBox.seal(code) : null);

export async function createClient(deps: PlatformDeps, ctx: AccessContext, input: ClientCreate): Promise<string> {
  await assertMayRegisterClients(deps, ctx);
  const allianceId = allianceForNewClient(ctx, input.allianceId);
  const problems = (await checkReferences(deps.db, allianceId, [input])).get(0);
  if (problems) throw conflict(problems.map((p) => p.message).join('; '));
  return deps.db.transaction().execute(async (trx) => {
    const [id = ''] = await store.insertClients(trx, { allianceId, organisationId: ctx.organisationId }, [{ ...input, keySafeCodeEnc: sealKeySafe(deps, input.keySafeCode) }]);
    await authorizeClients(trx, ctx, [id], { level: 'change', action: 'create', resource: 'client', fields: Object.keys(input) });
    return id;
  });
}

export const readClientRecord = (deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<ClientRecord> =>
  readClientAudited(deps.db, ctx, clientId, { level: 'record', action: 'read', resource: 'client' }, store.auditedClientRows, (row, permit) => clientRecordView(row, row.contacts, permit, ctx));

export const readNightSummary = (deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<NightSummaryView> =>
  readClientAudited(deps.db, ctx, clientId, { level: 'night_summary', action: 'read', resource: 'night_summary' }, store.auditedClientRows, (row, permit) => nightSummaryView(row, row.contacts, permit, ctx));

/** The night summary with when our copy was last changed (for "copy in Samenzorg, last updated …"), under the same check and audit. */
export const readDatedNightSummary = (deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<{ summary: NightSummaryView; updatedAt: Date }> =>
  readClientAudited(deps.db, ctx, clientId, { level: 'night_summary', action: 'read', resource: 'night_summary' }, store.auditedClientRows, (row, permit) => ({
    summary: nightSummaryView(row, row.contacts, permit, ctx),
    updatedAt: row.updated_at,
  }));

/** When the client's record (our copy) was last changed: for whoever may identify the client, audited as such. */
export const clientUpdatedAt = (deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<Date> =>
  readClientAudited(deps.db, ctx, clientId, { level: 'identification', action: 'read', resource: 'client', fields: ['updated_at'] }, store.auditedClientRows, (row) => row.updated_at);

/** The key-safe code is shown only on this explicit action, which is audited on its own. */
export const revealKeySafe = (deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<{ code: string | null; location: string | null }> =>
  withClientAccess(deps.db, ctx, clientId, { level: 'key_safe', action: 'reveal', resource: 'key_safe' }, async (trx, permit) => {
    const row = await store.readKeySafe(trx, permit);
    return { code: row.key_safe_code_enc ? deps.secretBox.open(row.key_safe_code_enc) : null, location: row.key_safe_location };
  });

export async function updateClient(deps: PlatformDeps, ctx: AccessContext, clientId: string, input: ClientUpdate): Promise<ClientRecord> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'change', action: 'update', resource: 'client', fields: Object.keys(input) }, async (trx, permit) => {
    if (input.alarmAccount || input.gpPostId || input.cpr) {
      const references = { alarmAccount: input.alarmAccount ?? undefined, gpPostId: input.gpPostId ?? undefined, cpr: input.cpr ?? undefined };
      const problems = (await checkReferences(trx, permit.allianceId, [references], [clientId])).get(0);
      if (problems) throw conflict(problems.map((p) => p.message).join('; '));
    }
    // null removes the key safe; a new code is sealed.
    const keySafe = input.keySafeCode === undefined ? {} : { keySafeCodeEnc: sealKeySafe(deps, input.keySafeCode ?? undefined) };
    await store.updateClient(trx, permit, { ...input, ...keySafe });
  });
  return readClientRecord(deps, ctx, clientId);
}

/**
 * The caller's own organisation's clients, for everyone with client roles; a GP post has none of its
 * own (referred clients open through the referral). Other organisations' clients are found only in
 * the identification index (identification-index.ts). Every client shown gets an audit entry.
 */
export async function searchClients(deps: PlatformDeps, ctx: AccessContext, query: ClientSearchQuery & Pick<store.SearchFilters, 'offset' | 'updated'>): Promise<Identification[]> {
  // Only the candidates' ids may come from a replica; the access check decides and audits on the
  // primary, and the rows shown are read there after it, in the statement that writes the entries.
  const ids = await store.searchCandidates(deps.readDb, ctx.organisationId, query);
  const request: AccessRequest = { level: 'identification', action: 'search', resource: 'identification', fields: ['name', 'date_of_birth', 'address', 'alarm_account'] };
  const found = await readClientsAudited(deps.db, ctx, ids, request, store.auditedIdentificationRows, (row) => identificationView(row, ctx));
  // In the candidates' order (by name), which their page was cut from.
  return ids.map((id) => found.get(id)).filter((view): view is Identification => view !== undefined);
}

export async function recordObjection(deps: PlatformDeps, ctx: AccessContext, clientId: string, objected: boolean, note?: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'change', action: objected ? 'record_objection' : 'withdraw_objection', resource: 'sharing', fields: ['objected_at'] }, (trx, permit) =>
    store.setObjection(trx, permit, objected, note ?? null),
  );
}

export const breakTheGlass = (deps: PlatformDeps, ctx: AccessContext, clientId: string, reason: string) => requestEmergencyAccess(deps.db, ctx, clientId, reason);
