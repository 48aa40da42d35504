import { SYSTEM, type Resource } from '../../fhir/index.js';
import type { AnwTaskKind } from '../tables.js';
import { NUTS_SYSTEM, TASK_CODE, ZIB } from './profiles.js';

/** How a Task names a party: by a Nuts DID, or by our own organisation reference. */
export type PartyName = { did: string } | { organisationId: string };

/** What an authorization or break-the-glass Task asks of us as Bronhouder. */
export interface AuthorizationRequest {
  kind: AnwTaskKind;
  clientId: string;
  /** requester.onBehalfOf: the data owner, which must be the client's organisation. */
  authorizer: PartyName;
  /** owner: the party whose nurse gets access, which must be the calling organisation. */
  accessor: PartyName;
  /** restriction.recipient: the nurse, as Practitioner/<our staff id>. */
  practitionerId: string;
  period: { start: Date; end: Date };
  reason: string | null;
}

export type ParsedTask = { ok: true; request: AuthorizationRequest } | { ok: false; issues: { path: string; message: string }[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A party reference: `identifier` under the Nuts system (a DID) or ours, or `Organization/<id>`. */
function partyOf(v: unknown): PartyName | undefined {
  if (!isObject(v)) return undefined;
  const id = isObject(v.identifier) ? v.identifier : undefined;
  if (id && id.system === NUTS_SYSTEM && typeof id.value === 'string' && id.value.startsWith('did:')) return { did: id.value };
  if (id && id.system === SYSTEM.organisation && typeof id.value === 'string' && UUID.test(id.value)) return { organisationId: id.value };
  const reference = typeof v.reference === 'string' ? /^Organization\/(.+)$/.exec(v.reference)?.[1] : undefined;
  return reference && UUID.test(reference) ? { organisationId: reference } : undefined;
}

const idAfter = (prefix: string, v: unknown) => (isObject(v) && typeof v.reference === 'string' && v.reference.startsWith(prefix) ? v.reference.slice(prefix.length) : undefined);

/**
 * Reads a Task of the ANW flow (STU3: requester.agent and onBehalfOf). Pure. The guide's examples carry
 * no status although it is required: a missing one is read as `requested`, the only status asked of us.
 * The elements the guide requires are required here; BTG also needs its reason.
 */
export function parseAuthorizationTask(body: unknown, now: Date): ParsedTask {
  if (!isObject(body) || body.resourceType !== 'Task') return { ok: false, issues: [{ path: 'resourceType', message: 'The body is a Task' }] };
  const issues: { path: string; message: string }[] = [];
  const code = isObject(body.code) && Array.isArray(body.code.coding) ? body.code.coding.filter(isObject).map((c) => c.code) : [];
  const kind: AnwTaskKind | undefined = code.includes(TASK_CODE.authorization) ? 'authorization' : code.includes(TASK_CODE.breakTheGlass) ? 'break_the_glass' : undefined;
  if (!kind) issues.push({ path: 'Task.code', message: `Task.code is ${TASK_CODE.authorization} or ${TASK_CODE.breakTheGlass}` });
  if (body.status !== undefined && body.status !== 'requested') issues.push({ path: 'Task.status', message: 'A new request has status requested' });
  const clientId = idAfter('Patient/', body.for);
  if (!clientId || !UUID.test(clientId)) issues.push({ path: 'Task.for', message: 'Task.for is Patient/<id>' });
  const requester = isObject(body.requester) ? body.requester : {};
  if (!isObject(requester.agent)) issues.push({ path: 'Task.requester.agent', message: 'The requesting system is named in requester.agent' });
  const authorizer = partyOf(requester.onBehalfOf);
  if (!authorizer) issues.push({ path: 'Task.requester.onBehalfOf', message: 'The data owner is named by DID (http://nuts.nl) or as Organization/<id>' });
  const accessor = partyOf(body.owner);
  if (!accessor) issues.push({ path: 'Task.owner', message: 'The accessing party is named by DID (http://nuts.nl) or as Organization/<id>' });
  const restriction = isObject(body.restriction) ? body.restriction : {};
  const recipients = Array.isArray(restriction.recipient) ? restriction.recipient : [];
  const practitionerId = recipients.length === 1 ? idAfter('Practitioner/', recipients[0]) : undefined;
  if (!practitionerId || !UUID.test(practitionerId)) issues.push({ path: 'Task.restriction.recipient', message: 'Exactly one recipient, Practitioner/<id> from the employee list' });
  const period = isObject(restriction.period) ? restriction.period : {};
  const start = typeof period.start === 'string' ? new Date(period.start) : undefined;
  const end = typeof period.end === 'string' ? new Date(period.end) : undefined;
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start || end <= now) issues.push({ path: 'Task.restriction.period', message: 'A period with a start and an end still to come' });
  const reasonText = isObject(body.reason) && typeof body.reason.text === 'string' ? body.reason.text.trim() : '';
  // The BTG page: a break-the-glass request without a reason is refused; ours asks ten characters, as the REST route does.
  if (kind === 'break_the_glass' && reasonText.length < 10) issues.push({ path: 'Task.reason.text', message: 'Break the glass needs a reason of at least 10 characters' });
  if (reasonText.length > 500) issues.push({ path: 'Task.reason.text', message: 'At most 500 characters' });
  if (issues.length > 0 || !kind || !clientId || !authorizer || !accessor || !practitionerId || !start || !end) return { ok: false, issues };
  return { ok: true, request: { kind, clientId, authorizer, accessor, practitionerId, period: { start, end }, reason: reasonText || null } };
}

/**
 * The Task as we answer it: as received, with our id, its status (ready while the grant holds) and, as
 * the guide's update does, an output naming the credential (our grant) and an input pointing at the
 * house-access Location.
 */
export function answeredTask(received: Resource, answer: { id: string; status: 'ready' | 'completed'; grantId: string; houseAccessUrl: string; lastModified: Date }): Resource {
  return {
    ...received,
    resourceType: 'Task',
    id: answer.id,
    meta: { profile: [ZIB.authorizationRequest], lastUpdated: answer.lastModified.toISOString() },
    status: answer.status,
    intent: received.intent ?? 'order',
    input: [{ type: { text: 'woningtoegang' }, valueReference: { reference: answer.houseAccessUrl } }],
    output: [{ type: { coding: [{ system: NUTS_SYSTEM, code: 'vc-id' }] }, valueString: answer.grantId }],
  };
}
