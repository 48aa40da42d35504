import type { AccessContext } from '../../../platform/access/index.js';
import { userContext } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/http/index.js';
import { applyClientList, checkClientList, MAX_IMPORT_ROWS } from '../../clients/index.js';
import type { Resource } from '../resource.js';
import { r4Problems } from '../validate.js';
import { readSource, SourceError, type SourceConnection, type SourceErrorCode, type SourceGuard } from './fetch-source.js';
import { endpointRefusal, refusalMessage, type ImportLimits } from './limits.js';
import { clientInputOf, houseAccessReference, identifierIn, subjectOf, type PatientGroup, type SourceSettings } from './map-client.js';
import { insertRun, type RunError, type SourceRow } from './store.js';

/** The source's resources grouped per Patient; resources about a Patient the source did not list are left out. */
function groupByPatient(resources: Resource[]): PatientGroup[] {
  const groups = new Map<string, PatientGroup>();
  for (const r of resources) if (r.resourceType === 'Patient') groups.set(`Patient/${r.id}`, { patient: r, related: [] });
  const locations = new Map(resources.filter((r) => r.resourceType === 'Location').map((r) => [`Location/${r.id}`, r]));
  for (const r of resources) {
    if (r.resourceType === 'Patient' || r.resourceType === 'Location') continue;
    const subject = subjectOf(r);
    if (subject) groups.get(subject)?.related.push(r);
  }
  for (const group of groups.values()) {
    const reference = houseAccessReference(group.patient);
    group.houseAccess = reference ? locations.get(reference) : undefined;
  }
  return [...groups.values()];
}

/** Why a Patient is not imported before our client schema looks at it: a resource of its that is no valid R4, or no client number. */
function refusalOf(group: PatientGroup, settings: SourceSettings): Omit<RunError, 'reference' | 'clientNumber'> | undefined {
  for (const resource of [group.patient, ...group.related, ...(group.houseAccess ? [group.houseAccess] : [])]) {
    const problems = r4Problems(resource);
    if (problems.length) return { code: 'invalid_resource', message: `${resource.resourceType}/${resource.id}: ${problems.join('; ')}` };
  }
  if (!identifierIn(group.patient, settings.clientNumberSystem)) return { code: 'no_client_number', message: `No identifier in ${settings.clientNumberSystem}` };
  return undefined;
}

type Counts = { created: number; updated: number; ended: number; unchanged: number };
const NONE: Counts = { created: 0, updated: 0, ended: 0, unchanged: 0 };

/**
 * One sync of the organisation's client list from its source, by the rules of the CSV update (the
 * clients module's list import): Patients matched on the organisation's client number are updated,
 * new ones created, and clients the source no longer lists (or lists as inactive) have their care
 * ended. A Patient with any resource that fails validation is reported and left as it was (neither
 * updated nor ended), never half-imported. A source that cannot be read in full changes nothing.
 */
async function syncClients(deps: PlatformDeps, ctx: AccessContext, connection: SourceConnection, guard: SourceGuard, settings: SourceSettings): Promise<{ counts: Counts; errors: RunError[] }> {
  const groups = groupByPatient(await readSource(connection, guard, (resources) => resources.filter((r) => r.resourceType === 'Patient').map(houseAccessReference).filter((r): r is string => !!r).map((r) => r.replace(/^Location\//, ''))));
  // An empty list from a misconfigured source would end everyone's care.
  if (groups.length === 0) return { counts: NONE, errors: [{ code: 'empty', message: 'The source listed no Patients; nothing was changed' }] };
  if (groups.length > MAX_IMPORT_ROWS) return { counts: NONE, errors: [{ code: 'too_large', message: `More than ${MAX_IMPORT_ROWS} Patients; nothing was changed` }] };
  const errors: RunError[] = [];
  const kept: string[] = [];
  const listed: PatientGroup[] = [];
  for (const group of groups) {
    const reference = `Patient/${group.patient.id}`;
    const clientNumber = identifierIn(group.patient, settings.clientNumberSystem);
    const refusal = refusalOf(group, settings);
    if (refusal) {
      errors.push({ reference, ...(clientNumber ? { clientNumber } : {}), ...refusal });
      if (clientNumber) kept.push(clientNumber);
    } else if (group.patient.active !== false) listed.push(group);
  }
  const check = await checkClientList(deps, ctx, listed.map((g) => clientInputOf(g, settings)));
  for (const refused of check.refused) {
    const patient = listed[refused.index]?.patient;
    const clientNumber = patient ? identifierIn(patient, settings.clientNumberSystem) : undefined;
    errors.push({ reference: `Patient/${patient?.id ?? ''}`, ...(clientNumber ? { clientNumber } : {}), code: 'invalid_client', message: refused.problems.map((p) => `${p.field}: ${p.message}`).join('; ') });
  }
  const report = await applyClientList(deps, ctx, { ...check, refusedNumbers: [...check.refusedNumbers, ...kept] }, { endMissing: true, preview: false });
  return { counts: { created: report.added, updated: report.updated, ended: report.ended, unchanged: report.unchanged }, errors };
}

/** The source's connection with its secret opened. */
function connectionOf(deps: PlatformDeps, source: SourceRow): SourceConnection {
  const secret = source.secret_enc ? deps.secretBox.open(source.secret_enc) : '';
  if (source.auth_kind === 'bearer') return { baseUrl: source.base_url, auth: { kind: 'bearer', token: secret } };
  if (source.auth_kind === 'client_credentials') {
    return { baseUrl: source.base_url, auth: { kind: 'client_credentials', tokenUrl: source.token_url ?? '', clientId: source.oauth_client_id ?? '', clientSecret: secret } };
  }
  return { baseUrl: source.base_url, auth: { kind: 'none' } };
}

export type RunRow = Awaited<ReturnType<typeof insertRun>>;

/** A run's report, and when the source itself could not be read, why (the run's error says the same). */
export interface SyncResult {
  run: RunRow;
  sourceFailure: { code: SourceErrorCode; message: string } | null;
}

/**
 * Runs one claimed source's sync and records its report; a failure of the whole run is a report too, with
 * nothing changed. The endpoint is checked again first: the alliance may have taken its host off the list.
 */
export async function runSync(deps: PlatformDeps, source: SourceRow, limits: ImportLimits): Promise<SyncResult> {
  const startedAt = new Date();
  const owner = { allianceId: source.alliance_id, organisationId: source.organisation_id };
  const failed = async (code: string, message: string, sourceFailure: SyncResult['sourceFailure'] = null) => ({
    run: await insertRun(deps.db, { ...owner, startedAt, status: 'failed', counts: NONE, errors: [{ code, message }] }),
    sourceFailure,
  });
  // The sync acts as the administrator who set it up, with their roles as they are now.
  const ctx = await userContext(deps.db, source.acting_user_id, source.organisation_id, source.alliance_id);
  if (!ctx) return failed('no_acting_user', 'The administrator who set up the sync no longer works for the organisation');
  for (const url of [source.base_url, ...(source.token_url ? [source.token_url] : [])]) {
    const refusal = await endpointRefusal(deps.db, source.alliance_id, url, limits);
    if (refusal) return failed(refusal.code, refusalMessage(refusal));
  }
  const guard = { allowPrivate: limits.allowPrivate, maxResponseBytes: limits.maxResponseBytes, requestTimeoutMs: limits.requestTimeoutMs, deadline: Date.now() + limits.runTimeoutMs };
  try {
    const { counts, errors } = await syncClients(deps, ctx, connectionOf(deps, source), guard, { clientNumberSystem: source.client_number_system, districtNursing: source.district_nursing });
    const whole = errors.find((e) => !e.reference);
    return { run: await insertRun(deps.db, { ...owner, startedAt, status: whole ? 'failed' : errors.length ? 'partial' : 'ok', counts, errors }), sourceFailure: null };
  } catch (error) {
    if (error instanceof SourceError) return failed(error.code, error.message, { code: error.code, message: error.message });
    if (error instanceof AppError) return failed(error.code.toLowerCase(), error.message);
    throw error;
  }
}
