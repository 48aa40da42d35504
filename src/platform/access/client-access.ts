import { sql } from 'kysely';
import type { Executor } from '../db/index.js';
import { appendAudit, type AuditEntry } from '../audit/index.js';
import { primaryRole, type AccessContext, type Role } from './context.js';

/**
 * What a caller wants to do with a client's data. The levels follow DESIGN.md §6: the identification
 * index (name, birth date, address, alarm account) is searchable by night coordinators of the alliance;
 * the night summary needs an assignment or break-the-glass; the full record stays with the home
 * organisation; the key-safe code needs an explicit reveal during an active assignment.
 */
export type ClientAccessLevel = 'identification' | 'night_summary' | 'key_safe' | 'record' | 'change' | 'audit_trail';

export type AccessBasis = 'own_organisation' | 'assignment' | 'emergency' | 'identification_index';

export interface ClientPermit {
  clientId: string;
  allianceId: string;
  clientOrganisationId: string;
  basis: AccessBasis;
  grantId: string | null;
}

export interface AccessRequest {
  level: ClientAccessLevel;
  /** Verb for the audit log: read, search, create, update, reveal, import, ... */
  action: string;
  /** What was touched: client, night_summary, key_safe, contacts, letter, ... */
  resource: string;
  fields?: string[];
  purpose?: string;
  reason?: string;
}

const OWN_ORGANISATION_ROLES: Record<ClientAccessLevel, readonly Role[]> = {
  identification: ['organisation_admin', 'coordinator', 'nurse'],
  night_summary: ['organisation_admin', 'coordinator', 'nurse'],
  // No role opens the key safe by itself: even the home organisation's staff need an active assignment.
  key_safe: [],
  record: ['organisation_admin', 'coordinator', 'nurse'],
  change: ['organisation_admin', 'coordinator'],
  audit_trail: ['organisation_admin'],
};

/** Which grant kinds open which level for staff of another organisation. */
const GRANT_KINDS: Partial<Record<ClientAccessLevel, readonly ('assignment' | 'emergency')[]>> = {
  identification: ['assignment', 'emergency'],
  night_summary: ['assignment', 'emergency'],
  key_safe: ['assignment'],
};

/** The purpose cross-organisation sharing serves; data-sharing agreements must cover it. */
export const SHARING_PURPOSE = 'nightcare';

export interface ClientFacts {
  id: string;
  alliance_id: string;
  organisation_id: string;
  shareable: boolean;
}

/**
 * Where a decision reads the clients' facts and writes its audit entries: by default the caller's
 * transaction; plain reads use statements shared by the requests in flight (see batched-access-io.ts).
 */
export interface AccessIo {
  clientFacts(clientIds: string[]): Promise<Map<string, ClientFacts>>;
  appendAudit(entries: AuditEntry[]): Promise<void>;
}

const inExecutor = (trx: Executor): AccessIo => ({ clientFacts: (ids) => loadClientFacts(trx, ids), appendAudit: (entries) => appendAudit(trx, entries) });

/** Facts about the asked clients: owner, alliance, and whether the client may be shared at all. */
export async function loadClientFacts(trx: Executor, clientIds: string[]): Promise<Map<string, ClientFacts>> {
  if (clientIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('client')
    .innerJoin('alliance', 'alliance.id', 'client.alliance_id')
    .select(['client.id', 'client.alliance_id', 'client.organisation_id', 'client.objected_at', 'client.consent_given_at', 'client.consent_withdrawn_at', 'alliance.consent_model'])
    .where('client.id', 'in', clientIds)
    .execute();
  return new Map(
    rows.map((r) => {
      // An objection shares the client with no other organisation; under explicit consent only a recorded, unwithdrawn consent shares.
      const consentOk = r.consent_model === 'objection' || (r.consent_given_at !== null && r.consent_withdrawn_at === null);
      return [r.id, { id: r.id, alliance_id: r.alliance_id, organisation_id: r.organisation_id, shareable: r.objected_at === null && consentOk }];
    }),
  );
}

/** Organisations (per alliance) whose data-sharing agreement for night care is in force today. */
async function organisationsSharing(trx: Executor, allianceIds: string[]): Promise<Set<string>> {
  if (allianceIds.length === 0) return new Set();
  const today = new Date().toISOString().slice(0, 10);
  const rows = await trx
    .selectFrom('data_sharing_agreement')
    .select(['alliance_id', 'organisation_id'])
    .where('alliance_id', 'in', allianceIds)
    .where('purposes', '@>', sql<string[]>`ARRAY[${SHARING_PURPOSE}]::text[]`)
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .execute();
  return new Set(rows.map((r) => `${r.alliance_id}/${r.organisation_id}`));
}

async function activeGrants(trx: Executor, ctx: AccessContext, clientIds: string[]) {
  if (ctx.actorKind !== 'user' || clientIds.length === 0) return [];
  return trx
    .selectFrom('access_grant')
    .select(['id', 'client_id', 'kind'])
    .where('user_id', '=', ctx.actorId)
    .where('organisation_id', '=', ctx.organisationId)
    .where('client_id', 'in', clientIds)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('granted_at', 'desc')
    .execute();
}

/** Decides, without side effects, which of the asked clients the caller may reach at this level. Fail closed. */
export async function decideClientAccess(
  trx: Executor,
  ctx: AccessContext,
  clientIds: string[],
  level: ClientAccessLevel,
  io: AccessIo = inExecutor(trx),
): Promise<Map<string, ClientPermit>> {
  const facts = await io.clientFacts(clientIds);
  const allianceIds = [...new Set([...facts.values()].map((f) => f.alliance_id))];
  const foreign = [...facts.values()].filter((f) => f.organisation_id !== ctx.organisationId && f.shareable);
  // The key-safe code needs an active assignment even within the client's own organisation (DESIGN.md §6).
  const needGrants = level === 'key_safe' ? [...facts.values()] : foreign;
  const [sharing, grants] = await Promise.all([
    foreign.length ? organisationsSharing(trx, allianceIds) : new Set<string>(),
    needGrants.length ? activeGrants(trx, ctx, needGrants.map((f) => f.id)) : [],
  ]);
  const permits = new Map<string, ClientPermit>();
  for (const fact of facts.values()) {
    const permit = (basis: AccessBasis, grantId: string | null = null) =>
      permits.set(fact.id, { clientId: fact.id, allianceId: fact.alliance_id, clientOrganisationId: fact.organisation_id, basis, grantId });
    const grant = grants.find((g) => g.client_id === fact.id && (GRANT_KINDS[level] ?? []).includes(g.kind));
    if (fact.organisation_id === ctx.organisationId) {
      const machineMayIdentify = ctx.actorKind === 'api_key' && level === 'identification';
      if (machineMayIdentify || ctx.roles.some((r) => OWN_ORGANISATION_ROLES[level].includes(r))) permit('own_organisation');
      else if (grant) permit(grant.kind, grant.id);
      continue;
    }
    if (!fact.shareable || ctx.actorKind !== 'user') continue;
    const bothShare = sharing.has(`${fact.alliance_id}/${ctx.organisationId}`) && sharing.has(`${fact.alliance_id}/${fact.organisation_id}`);
    if (!bothShare) continue;
    if (grant) permit(grant.kind, grant.id);
    else if (level === 'identification' && ctx.roles.includes('coordinator')) permit('identification_index');
  }
  return permits;
}

/**
 * The one road to client rows: decides access for the asked clients and writes one audit entry per
 * client (allowed or refused) in the caller's transaction (or `io`). Returns the permitted set.
 */
export async function authorizeClients(
  trx: Executor,
  ctx: AccessContext,
  clientIds: string[],
  request: AccessRequest,
  io: AccessIo = inExecutor(trx),
): Promise<Map<string, ClientPermit>> {
  const unique = [...new Set(clientIds)];
  const permits = await decideClientAccess(trx, ctx, unique, request.level, io);
  await io.appendAudit(
    unique.map((clientId) => {
      const permit = permits.get(clientId);
      return {
        allianceId: permit?.allianceId ?? ctx.allianceIds[0] ?? null,
        userId: ctx.actorId,
        userName: ctx.actorName,
        organisationId: ctx.organisationId,
        role: primaryRole(ctx),
        clientId,
        clientOrganisationId: permit?.clientOrganisationId ?? null,
        action: request.action,
        resource: request.resource,
        fields: request.fields ?? [],
        purpose: request.purpose ?? (permit ? permit.basis : null),
        reason: request.reason ?? null,
        grantId: permit?.grantId ?? null,
        outcome: permit ? 'allowed' : 'refused',
      };
    }),
  );
  return permits;
}

/**
 * Whether the client may be shared with the caller's organisation at all (another organisation, no
 * objection, consent where the alliance requires it, both agreements in force). Grants are made only then.
 */
export async function mayShareAcrossOrganisations(trx: Executor, ctx: AccessContext, clientId: string): Promise<ClientFacts | undefined> {
  const fact = (await loadClientFacts(trx, [clientId])).get(clientId);
  if (!fact || !fact.shareable || fact.organisation_id === ctx.organisationId) return undefined;
  const sharing = await organisationsSharing(trx, [fact.alliance_id]);
  const bothShare = sharing.has(`${fact.alliance_id}/${ctx.organisationId}`) && sharing.has(`${fact.alliance_id}/${fact.organisation_id}`);
  return bothShare ? fact : undefined;
}
