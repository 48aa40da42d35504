import { actingAlliance, hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, forbidden } from '../../../platform/http/index.js';
import type { Identification } from '../../clients/index.js';
import { incidentDetail } from '../../nightcare/index.js';
import { authorizationTask } from '../stu3/outgoing.js';
import { ANW_GRANT_HOURS } from '../bronhouder/service.js';
import type { AnwOptions } from './options.js';
import { anwSource, SourceUnavailable, type AnwSource } from './source-client.js';
import * as store from './store.js';

export interface SourceAccess {
  status: 'requested' | 'ready' | 'failed';
  error: string | null;
}

/** How often, and how far apart, we look whether the source has made the Task ready. */
const FOLLOW_ATTEMPTS = 5;
const FOLLOW_PAUSE_MS = 200;

const normal = (value: string | undefined) => (value ?? '').replace(/\s+/g, '').toLowerCase();

/**
 * The client at the source, from its ANW-zorg list as a Regisseur filters it: the same family name,
 * birth date and postcode, and exactly one such client (two would be a guess).
 */
async function remotePatientId(source: AnwSource, client: Identification): Promise<string | undefined> {
  const list = await source.get('/Patient?_query=ANW-zorg');
  const entries = ((list.entry as { resource?: Record<string, unknown> }[] | undefined) ?? []).map((e) => e.resource ?? {});
  const matches = entries.filter((p) => {
    const name = (p.name as { family?: string }[] | undefined)?.[0];
    const address = (p.address as { postalCode?: string }[] | undefined)?.[0];
    return normal(name?.family) === normal(client.familyName) && p.birthDate === client.dateOfBirth && normal(address?.postalCode) === normal(client.postcode);
  });
  return matches.length === 1 && typeof matches[0]?.id === 'string' ? matches[0].id : undefined;
}

/** Waits (briefly) until the source has made the Task ready, as the guide's Bronhouder does after issuing the credential. */
async function followTask(source: AnwSource, taskUrl: string, first: Record<string, unknown>): Promise<Record<string, unknown>> {
  let task = first;
  for (let attempt = 0; task.status !== 'ready' && task.status !== 'rejected' && task.status !== 'failed' && attempt < FOLLOW_ATTEMPTS; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_PAUSE_MS));
    task = await source.get(taskUrl);
  }
  return task;
}

const credentialOf = (task: Record<string, unknown>) =>
  ((task.output as { type?: { coding?: { code?: string }[] }; valueString?: string }[] | undefined) ?? []).find((o) => o.type?.coding?.some((c) => c.code === 'vc-id'))?.valueString ?? null;

/**
 * As Regisseur: after our coordinator assigned a nurse to a client whose home organisation keeps its
 * record in an ANW-capable system (on night care's assignment event, follow-assignments.ts, or the
 * coordinator's retry), ask that source for access for exactly this nurse and client (the
 * authorization Task) and follow it to `ready`. A source that is down or refuses is recorded and
 * answered, so the coordinator sees it; the nurse then works from our copy.
 */
export async function requestSourceAccess(deps: PlatformDeps, options: AnwOptions, ctx: AccessContext, incidentId: string, expect: { nurseUserId?: string } = {}, now = new Date()): Promise<SourceAccess> {
  if (!hasRole(ctx, 'coordinator')) throw forbidden('Requires the night coordinator');
  return askSource(deps, options, ctx, incidentId, { nurseUserId: expect.nurseUserId, regisseurOrganisationId: ctx.organisationId }, now);
}

/**
 * As Regisseur for an offer that automatic dispatch made and the nurse accepted: no coordinator acted.
 *
 * Who acts. The guide's Task names the Regisseur as an organisation ("Requester: Organization DID
 * Regisseur App"); a practitioner is only ever the recipient (`restriction.recipient`), and only the
 * break-the-glass Task has the Zorgverlener ask for itself. So at the source the requester is the
 * alliance's night dispatch as an organisation: the organisation its night coordinators work for (or,
 * when they come from several, the one of them with a Nuts DID; else nobody is guessed and the
 * coordinator asks from the incident). In our own access layer the request reads the client's
 * identification on the one basis there is for it: the nurse's own assignment, so the audit entry
 * names her and the incident, not a coordinator who did nothing.
 */
export async function requestForAcceptedOffer(deps: PlatformDeps, options: AnwOptions, nurse: AccessContext, incidentId: string, regisseurOrganisationId: string, now = new Date()): Promise<SourceAccess> {
  if (nurse.actorKind !== 'user') throw forbidden('Requires the assigned nurse');
  return askSource(deps, options, nurse, incidentId, { nurseUserId: nurse.actorId, regisseurOrganisationId }, now);
}

async function askSource(deps: PlatformDeps, options: AnwOptions, ctx: AccessContext, incidentId: string, ask: { nurseUserId: string | undefined; regisseurOrganisationId: string }, now: Date): Promise<SourceAccess> {
  const { incident } = await incidentDetail(deps, ctx, incidentId);
  const client = incident.client;
  if (!client || !incident.assignedUserId) throw conflict('Assign a nurse to an identified client first');
  // An assignment event for a nurse who has since declined or lapsed is not this nurse's request.
  if (ask.nurseUserId && ask.nurseUserId !== incident.assignedUserId) throw conflict('The incident has another nurse now');
  const setting = await store.settingOf(deps.db, client.organisationId);
  if (!setting?.source_base_url) throw conflict("The client's organisation has no ANW source");
  const assignment = await store.incidentAssignment(deps.db, incidentId, incident.assignedUserId);
  if (!assignment) throw conflict('The nurse has no live assignment on this incident');
  const base = { incident_id: incidentId, alliance_id: actingAlliance(ctx), client_id: client.id, source_organisation_id: client.organisationId, nurse_user_id: incident.assignedUserId };
  const source = anwSource(setting.source_base_url, await options.sourceToken?.(client.organisationId));
  try {
    const patientId = await remotePatientId(source, client);
    if (!patientId) {
      await store.putRemoteAccess(deps.db, { ...base, remote_patient_id: '', task_url: null, status: 'failed', credential_id: null, last_error: 'client_not_at_source' });
      return { status: 'failed', error: 'client_not_at_source' };
    }
    const [regisseur, accessor] = await Promise.all([store.settingOf(deps.db, ask.regisseurOrganisationId), store.settingOf(deps.db, assignment.organisation_id)]);
    const task = authorizationTask({
      remotePatientId: patientId,
      patientName: `${client.givenName} ${client.familyName}`,
      regisseur: { did: regisseur?.did ?? null, name: await store.organisationName(deps.db, ask.regisseurOrganisationId) },
      source: { did: setting.did, name: client.organisationName },
      accessor: { did: accessor?.did ?? null, name: assignment.organisation_name },
      nurse: { id: incident.assignedUserId, name: assignment.nurse_name },
      start: now,
      end: new Date(now.getTime() + ANW_GRANT_HOURS * 3600_000),
    });
    const created = await source.post('/Task', task);
    const taskUrl = created.location ? new URL(created.location).pathname.replace(new URL(setting.source_base_url).pathname.replace(/\/+$/, ''), '') : `/Task/${String(created.body.id)}`;
    const answered = await followTask(source, taskUrl, created.body);
    const status = answered.status === 'ready' ? 'ready' : answered.status === 'requested' ? 'requested' : 'failed';
    await store.putRemoteAccess(deps.db, { ...base, remote_patient_id: patientId, task_url: taskUrl, status, credential_id: credentialOf(answered), last_error: status === 'failed' ? `task_${String(answered.status)}` : null });
    return { status, error: status === 'failed' ? `task_${String(answered.status)}` : null };
  } catch (error) {
    if (!(error instanceof SourceUnavailable)) throw error;
    await store.putRemoteAccess(deps.db, { ...base, remote_patient_id: '', task_url: null, status: 'failed', credential_id: null, last_error: 'source_unavailable' });
    return { status: 'failed', error: 'source_unavailable' };
  }
}
