/**
 * A fake ECD in the ANW Bronhouder role, on loopback, built from the guide: it answers the requests its
 * generated CapabilityStatement lists (any other parameter is a 400, as the guide demands), takes the
 * authorization Task with the elements the guide requires and makes it ready on the next read, and
 * takes nursing reports and nl-time-charge-items, checking the profile's required elements.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { anwJson } from './anw.js';

export interface FakeSource {
  url: string;
  tasks: Record<string, unknown>[];
  observations: Record<string, unknown>[];
  chargeItems: Record<string, unknown>[];
  /** Access the source has withdrawn (the credential expired): every data query answers 403. */
  expired: boolean;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface CapabilityResource {
  type: string;
  searchParam?: { name: string }[];
  searchInclude?: string[];
}

export const FAKE_PATIENT_ID = 'Client.123';
export const FAKE_TOKEN = 'nuts-access-token';

const bundle = (resources: Json[]) => ({ resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.map((resource) => ({ resource })) });
const outcome = (code: string, diagnostics: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] });

export async function startFakeSource(patient: { family: string; given: string; birthDate: string; postalCode: string }): Promise<FakeSource> {
  const capability = anwJson<{ rest: { resource: CapabilityResource[] }[] }>('generated/CapabilityStatement-ANWBronhouderCapabilityStatement-v1.1.0.json');
  const allowed = new Map<string, Set<string>>();
  for (const r of capability.rest[0]!.resource) {
    const names = allowed.get(r.type) ?? new Set<string>();
    for (const p of r.searchParam ?? []) names.add(p.name);
    if (r.searchInclude?.length) names.add('_include').add('_include:iterate');
    allowed.set(r.type, names);
  }
  // The Regisseur's list query (the OperationDefinition ANW-zorg) on Patient.
  allowed.get('Patient')?.add('_query');
  const state: FakeSource = { url: '', tasks: [], observations: [], chargeItems: [], expired: false, close: async () => undefined };
  const app: FastifyInstance = Fastify({ logger: false });
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return reply.status(401).send(outcome('login', 'No Nuts access token'));
    return undefined;
  });

  const resources: Record<string, Json[]> = {
    Patient: [{ resourceType: 'Patient', id: FAKE_PATIENT_ID, name: [{ family: patient.family, given: [patient.given] }], birthDate: patient.birthDate, address: [{ line: ['Hoofdstraat 12'], postalCode: patient.postalCode, city: 'Emmen' }], telecom: [{ system: 'phone', value: '0591000000' }] }],
    Flag: [{ resourceType: 'Flag', id: 'f1', status: 'active', code: { text: 'Valrisico (bron)' }, subject: { reference: `Patient/${FAKE_PATIENT_ID}` } }],
    AllergyIntolerance: [{ resourceType: 'AllergyIntolerance', id: 'a1', verificationStatus: 'confirmed', code: { text: 'Latex' }, patient: { reference: `Patient/${FAKE_PATIENT_ID}` } }],
    Consent: [],
    Observation: [{ resourceType: 'Observation', id: 'o1', status: 'final', effectiveDateTime: '2026-12-04T22:00:00Z', valueString: 'Evening visit: restless' }],
  };

  for (const type of allowed.keys()) {
    app.get<{ Querystring: Record<string, string> }>(`/${type}`, async (request, reply) => {
      const extra = Object.keys(request.query).filter((k) => !allowed.get(type)?.has(k));
      if (extra.length) return reply.status(400).send(outcome('invalid', `Not in the ANW query list: ${extra.join(', ')}`));
      if (type === 'Patient' && request.query._query === 'ANW-zorg') return bundle(resources.Patient ?? []);
      if (state.expired) return reply.status(403).send(outcome('forbidden', 'The credential for this nurse and client has expired'));
      const ready = state.tasks.some((t) => t.status === 'ready');
      if (!ready) return reply.status(403).send(outcome('forbidden', 'No credential'));
      return bundle(resources[type] ?? []);
    });
  }

  app.post<{ Body: Json }>('/Task', async (request, reply) => {
    const t = request.body as Json & { requester?: Json; restriction?: Json; code?: { coding?: { code?: string }[] } };
    const missing = [
      t.code?.coding?.[0]?.code === 'ANW-autorisatie-verzoek' ? undefined : 'code',
      t.for ? undefined : 'for',
      t.requester?.agent ? undefined : 'requester.agent',
      t.requester?.onBehalfOf ? undefined : 'requester.onBehalfOf',
      t.owner ? undefined : 'owner',
      (t.restriction?.period as Json | undefined)?.end ? undefined : 'restriction.period',
      Array.isArray(t.restriction?.recipient) && t.restriction.recipient.length === 1 ? undefined : 'restriction.recipient',
    ].filter(Boolean);
    if (missing.length) return reply.status(400).send(outcome('required', `Missing: ${missing.join(', ')}`));
    if ((t.for as { reference?: string }).reference !== `Patient/${FAKE_PATIENT_ID}`) return reply.status(404).send(outcome('not-found', 'Unknown patient'));
    const task = { ...t, id: `task-${state.tasks.length + 1}`, status: 'requested' };
    state.tasks.push(task);
    return reply.status(201).header('location', `${state.url}/Task/${String(task.id)}`).send(task);
  });
  app.get<{ Params: { id: string } }>('/Task/:id', async (request, reply) => {
    const task = state.tasks.find((t) => t.id === request.params.id);
    if (!task) return reply.status(404).send(outcome('not-found', 'No such Task'));
    // The credential is issued between the create and the first read: the Task is then ready with its vc-id.
    Object.assign(task, { status: 'ready', output: [{ type: { coding: [{ system: 'http://nuts.nl', code: 'vc-id' }] }, valueString: `did:nuts:source#vc-${String(task.id)}` }] });
    return task;
  });

  app.post<{ Body: Json }>('/Observation', async (request, reply) => {
    if (state.expired) return reply.status(403).send(outcome('forbidden', 'The credential has expired'));
    const o = request.body;
    if (o.subject && (o.subject as { reference?: string }).reference !== `Patient/${FAKE_PATIENT_ID}`) return reply.status(422).send(outcome('processing', 'Unknown patient'));
    const stored = { ...o, id: `obs-${state.observations.length + 1}` };
    state.observations.push(stored);
    return reply.status(201).header('location', `${state.url}/Observation/${stored.id}`).send(stored);
  });
  app.post<{ Body: Json }>('/ChargeItem', async (request, reply) => {
    // nl-time-charge-item: quantity, occurrence, performingOrganization and requestingOrganization are 1..1.
    const c = request.body;
    const missing = ['quantity', 'occurrenceDateTime', 'performingOrganization', 'requestingOrganization'].filter((k) => c[k] === undefined);
    if (missing.length || 'occurence' in c) return reply.status(422).send(outcome('required', `nl-time-charge-item needs ${missing.join(', ')}`));
    const stored = { ...c, id: `charge-${state.chargeItems.length + 1}` };
    state.chargeItems.push(stored);
    return reply.status(201).header('location', `${state.url}/ChargeItem/${stored.id}`).send(stored);
  });
  app.get('/ValueSet/anw-uursoorten/$expand', async () => anwJson('examples-extracted/valueset-anw-uursoorten-expand-response.json'));

  state.url = await app.listen({ host: '127.0.0.1', port: 0 });
  state.close = () => app.close();
  return state;
}
