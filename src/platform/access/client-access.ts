import type { Executor } from '../db/index.js';
import { appendAudit, type AuditAction, type AuditEntry, type AuditResource } from '../audit/index.js';
import { loadCallerFacts, type CallerFacts } from './caller-facts.js';
import { primaryRole, type AccessContext, type ActorKind, type Role } from './context.js';
import { DEFAULT_SHARING_PURPOSE, type SharingPurpose } from './purposes.js';

/**
 * What a caller wants to do with a client's data. The levels follow DESIGN.md §6: another
 * organisation's client's identification (name, birth date, address, alarm account) is for the night
 * team's coordinators, and searching for one only for the one on duty (index-search.ts); the night summary needs an assignment or break-the-glass; the full record stays with the home
 * organisation; the key-safe code needs an explicit reveal during an active assignment.
 */
export type ClientAccessLevel = 'identification' | 'night_summary' | 'key_safe' | 'record' | 'change' | 'audit_trail' | 'respite_needs' | CircleLevel;

/**
 * A care circle's parts, each a level a recorded consent can name (its scope): the plan, the tasks, the
 * messages, the members' contact details. Managing the circle (members, consents, the plan's owner
 * view) is the person's, their representative's, and the home organisation's coordinators'.
 */
export const circleScopes = ['circle_plan', 'circle_tasks', 'circle_messages', 'circle_contacts'] as const;
export type CircleScope = (typeof circleScopes)[number];
export type CircleLevel = CircleScope | 'circle_manage';

/** `person` and `representative`: a citizen acting for their own data, or as the person's legal representative. */
export type AccessBasis = 'own_organisation' | 'assignment' | 'emergency' | 'stay' | 'consent' | 'identification_index' | 'person' | 'representative';

declare const minted: unique symbol;

/**
 * Leave to touch one client's rows. Only this file mints one (after deciding, next to the audit entry),
 * and stores take one for every read or change of client rows, so no module reaches a client's rows
 * without the audit entry. The brand makes a hand-made object literal a type error.
 */
export interface ClientPermit {
  readonly clientId: string;
  readonly allianceId: string;
  readonly clientOrganisationId: string;
  readonly basis: AccessBasis;
  readonly grantId: string | null;
  readonly [minted]: true;
}

const mint = (fact: ClientFacts, basis: AccessBasis, grantId: string | null): ClientPermit =>
  ({ clientId: fact.id, allianceId: fact.alliance_id, clientOrganisationId: fact.organisation_id, basis, grantId }) as ClientPermit;

export interface AccessRequest {
  level: ClientAccessLevel;
  /** Verb for the audit log, from its closed vocabulary (platform/audit/vocabulary.ts). */
  action: AuditAction;
  /** What was touched, from the same vocabulary. */
  resource: AuditResource;
  fields?: string[];
  /** What the audit entry names as the purpose (an incident, a handover); default: the basis of the access. */
  purpose?: string;
  /**
   * The purpose another organisation's data is shared for: agreements, consents and teams must cover
   * it. Default night care, the only capability that shares today; respite, care network and exchange name theirs.
   */
  sharingPurpose?: SharingPurpose;
  reason?: string;
  /** A change at a read level (a member claims a task in their scope): one transaction with its audit entry. */
  change?: boolean;
}

const OWN_ORGANISATION_ROLES: Record<ClientAccessLevel, readonly Role[]> = {
  identification: ['organisation_admin', 'coordinator', 'nurse'],
  night_summary: ['organisation_admin', 'coordinator', 'nurse'],
  // No role opens the key safe by itself: even the home organisation's staff need an active assignment.
  key_safe: [],
  record: ['organisation_admin', 'coordinator', 'nurse'],
  change: ['organisation_admin', 'coordinator'],
  audit_trail: ['organisation_admin'],
  respite_needs: ['organisation_admin', 'coordinator', 'nurse'],
  circle_plan: ['organisation_admin', 'coordinator', 'nurse'],
  circle_tasks: ['organisation_admin', 'coordinator', 'nurse'],
  circle_messages: ['organisation_admin', 'coordinator', 'nurse'],
  circle_contacts: ['organisation_admin', 'coordinator', 'nurse'],
  circle_manage: ['organisation_admin', 'coordinator'],
};

/** Which grant kinds open which level for staff of another organisation. */
const GRANT_KINDS: Partial<Record<ClientAccessLevel, readonly ('assignment' | 'emergency' | 'stay')[]>> = {
  identification: ['assignment', 'emergency', 'stay'],
  night_summary: ['assignment', 'emergency'],
  key_safe: ['assignment'],
  // A requested or booked stay opens the person's respite needs to the care home, and nothing of night care.
  respite_needs: ['stay'],
};

export interface ClientFacts {
  id: string;
  alliance_id: string;
  organisation_id: string;
  /** No objection and still in care: may be shared on some basis. */
  shareable: boolean;
  /**
   * The alliance works on explicit consent (DESIGN.md §6): nothing crosses to another organisation
   * without a recorded, unwithdrawn consent naming it (or one of its staff) for the purpose.
   */
  explicitConsent: boolean;
  /** The client objected after the information letter: shared with no other organisation, on any basis. */
  objected: boolean;
  /**
   * The night team serves clients with district nursing and/or a personal alarm (DESIGN.md §1):
   * only they are shared for night care.
   */
  nightEligible: boolean;
}

/** Which purposes a client must be eligible for before another organisation sees them for it. */
const eligibleFor = (fact: ClientFacts, purpose: SharingPurpose) => purpose !== 'nightcare' || fact.nightEligible;

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
    .select(['client.id', 'client.alliance_id', 'client.organisation_id', 'client.objected_at', 'alliance.consent_model'])
    .select(['client.district_nursing', 'client.personal_alarm', 'client.care_ended_on'])
    .where('client.id', 'in', clientIds)
    .execute();
  return new Map(
    rows.map((r) => {
      // A client whose care has ended is kept for history at home and shared with nobody else.
      const inCare = r.care_ended_on === null;
      return [
        r.id,
        {
          id: r.id,
          alliance_id: r.alliance_id,
          organisation_id: r.organisation_id,
          shareable: r.objected_at === null && inCare,
          explicitConsent: r.consent_model === 'explicit_consent',
          objected: r.objected_at !== null,
          nightEligible: inCare && (r.district_nursing || r.personal_alarm),
        },
      ];
    }),
  );
}

/**
 * The actor kinds this decision knows; any other is refused (fail closed). A machine acting for a person
 * is decided by its one bound grant; citizens by `decideCitizen`.
 */
const DECIDED_KINDS: ReadonlySet<ActorKind> = new Set(['user', 'api_key', 'machine_for_person', 'citizen']);

/** Levels a recorded consent can open: never the key safe, a change, the circle's management or another's audit trail. */
const CONSENT_LEVELS: ReadonlySet<ClientAccessLevel> = new Set(['identification', 'night_summary', 'record', ...circleScopes]);

/** What the person (or their representative), signed in as a citizen, opens of their own data: never the key safe. */
const PERSON_LEVELS: ReadonlySet<ClientAccessLevel> = new Set(['identification', 'night_summary', 'audit_trail', 'circle_manage', ...circleScopes]);

/** What a citizen member of the circle may be given by consent: their scope, and the person's name with any scope. */
const MEMBER_CONSENT_LEVELS: ReadonlySet<ClientAccessLevel> = new Set(['night_summary', ...circleScopes]);

/** What a message-network gateway's key opens of its own organisation's clients: the circle's tasks and messages, which messages change. */
const MESSAGING_LEVELS: ReadonlySet<ClientAccessLevel> = new Set(['identification', 'circle_tasks', 'circle_messages']);

/** Whether the caller's roles in the client's own organisation open this level without a grant. */
const ownRoleOpens = (ctx: AccessContext, level: ClientAccessLevel) =>
  ctx.actorKind === 'api_key'
    ? level === 'identification' || (ctx.messaging === true && MESSAGING_LEVELS.has(level))
    : ctx.actorKind !== 'machine_for_person' && ctx.roles.some((r) => OWN_ORGANISATION_ROLES[level].includes(r));

/** People act on their own grants; a machine acting for one of them only on the grant its credential is bound to. */
const grantCounts = (ctx: AccessContext, grantId: string) => ctx.actorKind !== 'machine_for_person' || ctx.grantId === grantId;

/** Who takes part in cross-organisation sharing: staff, and machines acting for one of them. */
const PERSONAL_KINDS: ReadonlySet<ActorKind> = new Set(['user', 'machine_for_person']);

/**
 * Decides, without side effects, which of the asked clients the caller may reach at this level. Fail
 * closed. A refusal runs the same statements as an unknown id (the clients' facts, then the caller's):
 * only a request the home organisation's role settles for every asked client skips the second.
 */
export async function decideClientAccess(
  trx: Executor,
  ctx: AccessContext,
  clientIds: string[],
  level: ClientAccessLevel,
  io: AccessIo = inExecutor(trx),
  purpose: SharingPurpose = DEFAULT_SHARING_PURPOSE,
): Promise<Map<string, ClientPermit>> {
  const facts = await io.clientFacts(clientIds);
  const permits = new Map<string, ClientPermit>();
  if (!DECIDED_KINDS.has(ctx.actorKind)) return permits;
  const settledByOwnRole = ownRoleOpens(ctx, level) && clientIds.every((id) => facts.get(id)?.organisation_id === ctx.organisationId);
  const caller = settledByOwnRole ? undefined : await loadCallerFacts(trx, ctx, clientIds, purpose);
  for (const fact of facts.values()) {
    const basis = decideOne(ctx, level, fact, caller, purpose);
    if (basis) permits.set(fact.id, mint(fact, basis.basis, basis.grantId));
  }
  return permits;
}

function decideOne(
  ctx: AccessContext,
  level: ClientAccessLevel,
  fact: ClientFacts,
  caller: CallerFacts | undefined,
  purpose: SharingPurpose,
): { basis: AccessBasis; grantId: string | null } | undefined {
  if (ctx.actorKind === 'citizen') return caller ? decideCitizen(ctx.clientId, level, fact, caller) : undefined;
  const grant = caller?.grants.find((g) => g.client_id === fact.id && (GRANT_KINDS[level] ?? []).includes(g.kind) && grantCounts(ctx, g.id));
  const byGrant = grant ? { basis: grant.kind, grantId: grant.id } : undefined;
  if (fact.organisation_id === ctx.organisationId) return ownRoleOpens(ctx, level) ? { basis: 'own_organisation', grantId: null } : byGrant;
  if (fact.objected || !eligibleFor(fact, purpose) || !PERSONAL_KINDS.has(ctx.actorKind) || !caller) return undefined;
  const bothShare = caller.sharing.has(`${fact.alliance_id}/${ctx.organisationId}`) && caller.sharing.has(`${fact.alliance_id}/${fact.organisation_id}`);
  if (!bothShare) return undefined;
  const consents = caller.consents.filter((c) => c.client_id === fact.id);
  if (fact.explicitConsent && consents.length === 0) return undefined;
  if (fact.shareable && byGrant) return byGrant;
  // DESIGN.md §6: a recorded consent for this organisation (or this person in it) opens what it names, for staff whose role would open it at home.
  const consent = CONSENT_LEVELS.has(level) && ownRoleOpens(ctx, level) ? consents.find((c) => c.levels.includes(level)) : undefined;
  // The audit entry names the consent the access rests on.
  if (consent) return { basis: 'consent', grantId: consent.id };
  if (!fact.shareable) return undefined;
  // DESIGN.md §6: the index of other organisations' clients is the night team's coordinators' alone.
  if (level === 'identification' && ctx.roles.includes('coordinator') && caller.nightTeam.has(fact.alliance_id)) return { basis: 'identification_index', grantId: null };
  return undefined;
}

/**
 * A citizen acts for one client only. The person or their representative (an active link) opens their
 * own data but the key safe; a circle member opens what a consent naming them lists, and the person's
 * name with it. A consent yields to an objection, as it does for staff.
 */
function decideCitizen(clientId: string, level: ClientAccessLevel, fact: ClientFacts, caller: CallerFacts): { basis: AccessBasis; grantId: string | null } | undefined {
  if (fact.id !== clientId) return undefined;
  const link = caller.links.find((l) => l.client_id === fact.id);
  if (link) return PERSON_LEVELS.has(level) ? { basis: link.relation === 'self' ? 'person' : 'representative', grantId: null } : undefined;
  if (fact.objected || !fact.shareable) return undefined;
  const consents = caller.consents.filter((c) => c.client_id === fact.id && c.levels.some((l) => MEMBER_CONSENT_LEVELS.has(l as ClientAccessLevel)));
  const consent = level === 'identification' ? consents[0] : MEMBER_CONSENT_LEVELS.has(level) ? consents.find((c) => c.levels.includes(level)) : undefined;
  return consent ? { basis: 'consent', grantId: consent.id } : undefined;
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
  const permits = await decideClientAccess(trx, ctx, unique, request.level, io, request.sharingPurpose);
  await io.appendAudit(
    unique.map((clientId) => {
      const permit = permits.get(clientId);
      return {
        allianceId: permit?.allianceId ?? ctx.allianceId,
        userId: ctx.actorId,
        userName: ctx.actorName,
        // A citizen belongs to no organisation: the entry names them by name and role only.
        organisationId: ctx.actorKind === 'citizen' ? null : ctx.organisationId,
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
 * objection, consent where the alliance requires it, both agreements in force), with the caller's
 * facts. Grants are made only then. Both statements run whatever the answer.
 */
export async function shareableWithCaller(
  trx: Executor,
  ctx: AccessContext,
  clientId: string,
  purpose: SharingPurpose = DEFAULT_SHARING_PURPOSE,
): Promise<{ fact: ClientFacts; caller: CallerFacts } | undefined> {
  const [fact, caller] = [(await loadClientFacts(trx, [clientId])).get(clientId), await loadCallerFacts(trx, ctx, [clientId], purpose)];
  if (!fact || !fact.shareable || !eligibleFor(fact, purpose) || fact.organisation_id === ctx.organisationId) return undefined;
  if (fact.explicitConsent && !caller.consents.some((c) => c.client_id === fact.id)) return undefined;
  const bothShare = caller.sharing.has(`${fact.alliance_id}/${ctx.organisationId}`) && caller.sharing.has(`${fact.alliance_id}/${fact.organisation_id}`);
  return bothShare ? { fact, caller } : undefined;
}
