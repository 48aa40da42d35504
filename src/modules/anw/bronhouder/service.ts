import { randomUUID } from 'node:crypto';
import { grantPartnerAssignment, grantPartnerEmergencyAccess, roles, withClientAccess, type AccessContext, type Role } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden, invalid, notFound } from '../../../platform/http/index.js';
import { listStaff } from '../../alliance/index.js';
import { readNightSummary, revealKeySafe, searchClients } from '../../clients/index.js';
import type { Resource } from '../../fhir/index.js';
import { houseAccessLocation } from '../stu3/bundle.js';
import { anwAdvanceDirectives, anwAlerts, anwAllergies, anwPatientOfIdentification, anwPatientOfNightSummary, anwPractitioner } from '../stu3/client.js';
import { countOf, type FixedQueryName } from '../stu3/fixed-queries.js';
import { anwObservation, parseObservation } from '../stu3/observation.js';
import { answeredTask, parseAuthorizationTask, type PartyName } from '../stu3/task.js';
import type { AnwObservationKind } from '../tables.js';
import * as store from './store.js';

/** The guide: the credential for a nurse-client pair holds 48 hours (and never past the Task's own period). */
export const ANW_GRANT_HOURS = 48;
const PAGE = 100;
/** More clients than this in one list is not a night-care organisation's caseload but a mistake. */
const LIST_LIMIT = 5000;

/**
 * The ANW client list of the calling organisation: its clients in the night team's scope (district
 * nursing or a personal alarm) and in care, identification only, each audited as the REST search is.
 */
export async function clientList(deps: PlatformDeps, ctx: AccessContext): Promise<Resource[]> {
  const found: Resource[] = [];
  for (let offset = 0; offset < LIST_LIMIT; offset += PAGE) {
    const page = await searchClients(deps, ctx, { limit: PAGE, offset });
    found.push(...page.filter((c) => c.ownOrganisation && c.nightCareScope.length > 0).map(anwPatientOfIdentification));
    if (page.length < PAGE) break;
  }
  return found;
}

/** The ANW employee list: the calling organisation's nurses, the only staff a Task may name. */
export async function employeeList(deps: PlatformDeps, ctx: AccessContext): Promise<Resource[]> {
  return (await nursesOf(deps, ctx)).map(anwPractitioner);
}

const nursesOf = async (deps: PlatformDeps, ctx: AccessContext) => (await listStaff(deps.db, ctx)).filter((s) => s.roles.includes('nurse'));

/** The organisation a Task names, or undefined for a DID nobody registered. */
const organisationOf = async (deps: PlatformDeps, party: PartyName) => ('did' in party ? store.organisationOfDid(deps.db, party.did) : party.organisationId);

/**
 * Accepts an ANW authorization request (the Regisseur's Task) or a break-the-glass request (the
 * Zorgverlener's): the owner must be the calling organisation, the recipient one of its nurses, and
 * the client one it may be given (platform/access decides and audits). Accepted, it is `ready` at once:
 * an authorization with a 48-hour assignment grant for exactly that nurse-client pair; break the glass
 * with an emergency grant queued for review, as ours. The partner's system then trades the grant for
 * tokens bound to it.
 */
export async function acceptTask(deps: PlatformDeps, ctx: AccessContext, body: unknown, houseAccessUrl: (clientId: string) => string, now = new Date()): Promise<Resource> {
  if (ctx.actorKind !== 'api_key') throw forbidden('An ANW Task is sent by an organisation system, not on behalf of a person');
  const parsed = parseAuthorizationTask(body, now);
  if (!parsed.ok) throw invalid('The Task is not an ANW authorization request', parsed.issues.map((i) => ({ path: i.path, code: 'invalid', message: i.message })));
  const request = parsed.request;
  if ((await organisationOf(deps, request.accessor)) !== ctx.organisationId) throw forbidden('The Task grants access to the calling organisation (Task.owner) only');
  const nurse = (await nursesOf(deps, ctx)).find((n) => n.id === request.practitionerId);
  if (!nurse) throw invalid('The recipient is not a nurse of the owner organisation', [{ path: 'Task.restriction.recipient', code: 'invalid', message: 'A Practitioner from the employee list' }]);
  // A DID nobody registered names no organisation: the grant is then refused like an unknown client.
  const homeOrganisationId = (await organisationOf(deps, request.authorizer)) ?? null;
  const id = randomUUID();
  const expiresAt = new Date(Math.min(request.period.end.getTime(), now.getTime() + ANW_GRANT_HOURS * 3600_000));
  const granted = await deps.db.transaction().execute(async (trx) => {
    const grant =
      request.kind === 'authorization'
        ? await grantPartnerAssignment(trx, ctx, { clientId: request.clientId, userId: nurse.id, reference: `anw-task:${id}`, expiresAt, homeOrganisationId })
        : await grantPartnerEmergencyAccess(trx, ctx, { clientId: request.clientId, nurse: { id: nurse.id, name: nurse.name, roles: nurse.roles.filter(isRole) }, reason: request.reason ?? '', homeOrganisationId });
    if (!grant) return undefined;
    const answered = answeredTask(body as Resource, { id, status: 'ready', grantId: grant.grantId, houseAccessUrl: houseAccessUrl(request.clientId), lastModified: now });
    await store.insertTask(trx, { id, allianceId: grant.allianceId, organisationId: grant.clientOrganisationId, clientId: request.clientId, kind: request.kind, requesterOrganisationId: ctx.organisationId, practitionerUserId: nurse.id, grantId: grant.grantId, task: answered });
    return answered;
  });
  if (!granted) throw notFound('Client');
  return granted;
}

const isRole = (role: string): role is Role => (roles as readonly string[]).includes(role);

/** A Task the calling organisation sent: `ready` while its grant holds, `completed` after. */
export async function readTask(deps: PlatformDeps, ctx: AccessContext, id: string, now = new Date()): Promise<Resource> {
  const row = await store.taskOfRequester(deps.db, ctx.organisationId, id);
  if (!row) throw notFound('Task');
  const live = row.revoked_at === null && row.expires_at > now;
  return { ...(row.task as Resource), status: live ? 'ready' : 'completed' };
}

const OBSERVATION_QUERIES: Partial<Record<FixedQueryName, AnwObservationKind>> = {
  nursing_report: 'nursing_report',
  blood_pressure: 'blood_pressure',
  body_temperature: 'body_temperature',
  body_height: 'body_height',
};

/**
 * One request of the fixed list, for the nurse's system acting under the grant. The night summary's
 * parts are read as REST reads them (one audit entry); observations through the same access check.
 * Queries on what our record does not hold (pulse, weight, respiration, living situation) answer an
 * empty Bundle, after the same check, so an empty answer never tells more than a full one.
 */
export async function answerFixedQuery(deps: PlatformDeps, ctx: AccessContext, name: FixedQueryName, clientId: string): Promise<Resource[]> {
  switch (name) {
    case 'patient':
      return [anwPatientOfNightSummary(await readNightSummary(deps, ctx, clientId))];
    case 'alerts':
      return anwAlerts(await readNightSummary(deps, ctx, clientId));
    case 'allergies':
      return anwAllergies(await readNightSummary(deps, ctx, clientId));
    case 'advance_directives':
      return anwAdvanceDirectives(await readNightSummary(deps, ctx, clientId));
    default: {
      const kind = OBSERVATION_QUERIES[name];
      return withClientAccess(deps.db, ctx, clientId, { level: 'night_summary', action: 'search', resource: 'nursing_report', fields: [name] }, async (executor, permit) => {
        if (!kind) return [];
        const rows = await store.observationsOf(executor, permit, kind, countOf(name) ?? 10);
        return rows.map((r) => anwObservation({ id: r.id, clientId: r.client_id, kind: r.kind, text: r.text, value: r.value, effectiveAt: r.effective_at, writtenBy: { id: r.written_by, name: r.written_by_name } }));
      });
    }
  }
}

/**
 * Write-back of a nursing report or a measurement by the nurse's system under the grant (the guide's
 * POST Observation): one transaction with its audit entry; without a grant the client reads as unknown.
 */
export async function writeObservation(deps: PlatformDeps, ctx: AccessContext, body: unknown): Promise<Resource> {
  if (ctx.actorKind !== 'machine_for_person') throw forbidden('A nursing report is written on behalf of the nurse: use a token bound to the ANW grant');
  const parsed = parseObservation(body);
  if (!parsed.ok) throw invalid('The Observation is not accepted', parsed.issues.map((i) => ({ path: i.path, code: 'invalid', message: i.message })));
  const o = parsed.observation;
  return withClientAccess(deps.db, ctx, o.clientId, { level: 'night_summary', change: true, action: 'create', resource: 'nursing_report', fields: [o.kind] }, async (trx, permit) => {
    if (!permit.grantId || permit.grantId !== ctx.grantId) throw notFound('Client');
    const row = await store.insertObservation(trx, permit, { ...o, writtenBy: ctx.personUserId, writtenByOrganisationId: ctx.organisationId, grantId: permit.grantId });
    return anwObservation({ id: row.id, clientId: o.clientId, kind: o.kind, text: o.text, value: o.value, effectiveAt: o.effectiveAt, writtenBy: { id: ctx.personUserId, name: ctx.onBehalfOf.name } });
  });
}

/** The house-access Location: the key-safe instructions, revealed (and audited) only under the nurse's grant. */
export async function houseAccess(deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<Resource> {
  if (ctx.actorKind !== 'machine_for_person') throw notFound('Location');
  const keySafe = await revealKeySafe(deps, ctx, clientId);
  if (!keySafe.code && !keySafe.location) throw notFound('Location');
  return houseAccessLocation(clientId, keySafe);
}
