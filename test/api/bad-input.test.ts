import { formatInTimeZone } from 'date-fns-tz';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../support/app.js';
import { addUser, createWorld, openNightShift, SETUP, validClient, type World } from '../support/world.js';
import type { IncidentStatusColumn } from '../../src/modules/nightcare/index.js';

let t: TestApp;
let world: World;
let admin: Session;
let adminId: string;
let partner: Session;
let alarmKey: string;
let clientId: string;

interface ErrorBody {
  error: { code: string; fields?: { path: string; code: string; message: string }[]; details?: { refused: { line: number; problems: { field: string; message: string }[] }[] } };
}

const NUL = '\u0000';
const ACCOUNT = 'FEED01';
const today = () => new Date().toISOString().slice(0, 10);
/**
 * A planned visit inside the shift `openNightShift` set (from an hour ago to six hours ahead, wall clock
 * in the alliance's zone), whatever the hour the test runs: the night is the shift's start date.
 */
const visitInShift = () => {
  const wall = (hours: number, pattern: string) => formatInTimeZone(new Date(Date.now() + hours * 3600_000), 'Europe/Amsterdam', pattern);
  return { night: wall(-1, 'yyyy-MM-dd'), windowStart: wall(0, 'HH:mm'), windowEnd: wall(2, 'HH:mm') };
};
const unique = () => Math.random().toString(36).slice(2, 10);

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db, { plannedVisits: true });
  // Break-the-glass and the identification index are for the night team while the night shift runs.
  await openNightShift(t.db, world.allianceId);
  const adminUser = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin', 'organisation_admin', 'coordinator', 'nurse'], 'badinput-admin');
  adminId = adminUser.id;
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: adminUser.id, organisationId: world.homeOrg });
  admin = await login(t.app, adminUser);
  const partnerUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator', 'nurse'], 'badinput-partner');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: partnerUser.id, organisationId: world.partnerOrg });
  partner = await login(t.app, partnerUser);
  const alarmCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(t.db, alarmCentre, 'receiver')).key;
  const created = await admin.post('/api/clients', validClient({ familyName: 'Invoer', alarmAccount: ACCOUNT }));
  expect(created.statusCode).toBe(201);
  clientId = created.json<{ id: string }>().id;
});

const webhook = (body: Record<string, unknown>, key: string = crypto.randomUUID()) =>
  t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': key }, payload: body });

/** A fresh incident in `received`, or moved on to `status` with the admin as its nurse. */
async function freshIncident(status: IncidentStatusColumn = 'received'): Promise<string> {
  const response = await webhook({ account: ACCOUNT, reason: 'fall' });
  const incidentId = response.json<{ incidentId: string }>().incidentId;
  if (status !== 'received') await t.db.updateTable('incident').set({ status, assigned_user_id: adminId }).where('id', '=', incidentId).execute();
  return incidentId;
}

/** The 400 a control character must give: INVALID_INPUT naming the field and what is wrong with it. */
function expectRefusedField(response: LightMyRequestResponse, path: string, code = 'control_character') {
  expect(response.statusCode, response.body).toBe(400);
  const body = response.json<ErrorBody>();
  expect(body.error.code).toBe('INVALID_INPUT');
  expect(body.error.fields).toContainEqual({ path, code, message: expect.stringMatching(/control characters|single line|Unicode/i) as string });
}

describe('a NUL character in a text field', () => {
  it('is refused with 400 and the field in the client search', async () => {
    expectRefusedField(await admin.get(`/api/clients?q=Bak${encodeURIComponent(NUL)}ker`), 'querystring.q');
    expectRefusedField(await admin.get(`/api/clients?postcode=7811${encodeURIComponent(NUL)}`), 'querystring.postcode');
  });

  it('is refused with 400 and the field in the audit filter', async () => {
    expectRefusedField(await admin.get(`/api/audit?action=read${encodeURIComponent(NUL)}`), 'querystring.action');
    expectRefusedField(await admin.get(`/api/audit?purpose=${encodeURIComponent(NUL)}nightcare`), 'querystring.purpose');
  });

  it('is refused with 400 and the field in a break-the-glass reason', async () => {
    expectRefusedField(await partner.post(`/api/clients/${clientId}/emergency-access`, { reason: `Client fell${NUL} and does not answer` }), 'body.reason');
  });

  it('is refused with 400 and the field in incident notes and the caller name', async () => {
    expectRefusedField(await admin.post('/api/nightcare/incidents', { reason: 'fall', note: `Fell${NUL}` }), 'body.note');
    expectRefusedField(await admin.post('/api/nightcare/incidents', { reason: 'fall', callerName: `Jan${NUL}` }), 'body.callerName');
    const incidentId = await freshIncident();
    expectRefusedField(await admin.post(`/api/nightcare/incidents/${incidentId}/triage`, { urgency: 'U3', note: `a${NUL}b` }), 'body.note');
    expectRefusedField(await admin.post(`/api/nightcare/incidents/${incidentId}/cancel`, { reason: 'false_alarm', note: NUL }), 'body.note');
    const onSite = await freshIncident('on_site');
    expectRefusedField(
      await admin.post(`/api/nightcare/incidents/${onSite}/complete`, { actions: ['Checked'], minutesOnSite: 10, followUpNeeded: false, notes: `all well${NUL}` }),
      'body.notes',
    );
    expectRefusedField(await webhook({ account: ACCOUNT, reason: 'fall', note: `x${NUL}` }), 'body.note');
    // The incidents stayed as they were: nothing half-stored.
    const row = await t.db.selectFrom('incident').select(['status', 'triage_note']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'received', triage_note: null });
  });

  it('is refused with 400 and the field in a staff name and an API-key name', async () => {
    expectRefusedField(await admin.post('/api/staff', { email: `nul-${unique()}@example.org`, name: `Piet${NUL}`, password: 'long-enough-password', roles: ['nurse'] }), 'body.name');
    expectRefusedField(await admin.post('/api/api-keys', { name: `key${NUL}` }), 'body.name');
  });

  it('is refused with 400 and the field when a client is created or updated', async () => {
    expectRefusedField(await admin.post('/api/clients', validClient({ familyName: `Bak${NUL}ker` })), 'body.familyName');
    expectRefusedField(await admin.post('/api/clients', validClient({ nightSummary: { risks: [], allergies: NUL, medication: '', wishes: '', instructions: '' } })), 'body.nightSummary.allergies');
    expectRefusedField(await admin.post('/api/clients', validClient({ contacts: [{ name: `Ma${NUL}`, relation: 'daughter', phone: '+31612345678' }] })), 'body.contacts.0.name');
    expectRefusedField(await admin.patch(`/api/clients/${clientId}`, { city: `Emmen${NUL}` }), 'body.city');
    expectRefusedField(await admin.patch(`/api/clients/${clientId}`, { keySafeLocation: `Left${NUL}` }), 'body.keySafeLocation');
    const stored = await t.db.selectFrom('client').select('city').where('id', '=', clientId).executeTakeFirstOrThrow();
    expect(stored.city).toBe('Emmen');
  });

  it('refuses the CSV row that holds it, naming line and field, and imports nothing', async () => {
    const csv = ['given_name;family_name;date_of_birth;street;house_number;postcode;city;municipality', 'Anna;Smit;1940-01-01;Kerkstraat;1;7811 AB;Emmen;Emmen', `Bert;Smit${NUL};1941-02-02;Kerkstraat;2;7811 AB;Emmen;Emmen`].join('\n');
    const response = await t.app.inject({ method: 'POST', url: '/api/clients/import', headers: { cookie: admin.cookie, 'content-type': 'text/csv' }, payload: csv });
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('IMPORT_REFUSED');
    expect(body.error.details?.refused).toEqual([{ line: 3, problems: [{ field: 'familyName', code: 'custom', message: expect.stringMatching(/control characters/i) as string }] }]);
    const smits = await t.db.selectFrom('client').select('id').where('family_name', 'like', 'Smit%').execute();
    expect(smits).toEqual([]);
  });

  it('is refused with 400 in the Idempotency-Key header', async () => {
    expectRefusedField(await webhook({ account: ACCOUNT, reason: 'fall' }, `key-with-${NUL}-inside`), 'headers.idempotency-key');
  });

  it('keeps line breaks in a multi-line note but refuses them in a single-line name', async () => {
    const ok = await admin.post('/api/nightcare/incidents', { reason: 'fall', note: 'Line one\nLine two\tindented' });
    expect(ok.statusCode, ok.body).toBe(201);
    expectRefusedField(await admin.post('/api/nightcare/incidents', { reason: 'fall', callerName: 'Jan\nJansen' }), 'body.callerName', 'line_break');
    expectRefusedField(await admin.post('/api/nightcare/incidents', { reason: 'fall', note: 'escape \u001b[31m red' }), 'body.note');
    expectRefusedField(await admin.post('/api/nightcare/incidents', { reason: 'fall', note: 'half a pair \ud800' }), 'body.note', 'not_unicode');
  });
});

/** Sets `value` at a dotted path (`contacts.0.name`) in a copy of `body`. */
function withValue(body: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) ?? ''] = value;
  return copy;
}

interface Target {
  route: string;
  /** The text fields a mutation may hit. */
  fields: string[];
  send(field: string, value: string): Promise<LightMyRequestResponse>;
}

const post = (session: () => Session, url: () => string | Promise<string>, body: () => Record<string, unknown>, fields: string[]): Omit<Target, 'route'> => ({
  fields,
  send: async (field, value) => session().post(await url(), withValue(body(), field, value)),
});

const csvLine = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(';');
const CSV_HEADER = ['given_name', 'family_name', 'date_of_birth', 'street', 'house_number', 'postcode', 'city', 'municipality', 'alarm_device', 'gp_name', 'allergies', 'contact_name', 'contact_relation', 'contact_phone'];
const csvRow = () => ['Anna', `Fuzz${unique()}`, '1940-01-01', 'Kerkstraat', '1', '7811 AB', 'Emmen', 'Emmen', 'Pendant', 'Dr. Jansen', 'None', 'Piet', 'son', '+31612345678'];

/** Every write route and search route with a text input, each with a valid request. */
const targets: Target[] = [
  {
    route: 'POST /api/clients',
    ...post(() => admin, () => '/api/clients', () => validClient({ alarmAccount: undefined, personalAlarm: false, familyName: `Fuzz${unique()}` }), [
      'givenName', 'familyName', 'street', 'houseNumber', 'postcode', 'city', 'municipality', 'keySafeCode', 'keySafeLocation',
      'nightSummary.allergies', 'nightSummary.medication', 'nightSummary.wishes', 'nightSummary.instructions', 'contacts.0.name', 'contacts.0.relation', 'contacts.0.phone',
    ]),
  },
  {
    route: 'PATCH /api/clients/:id',
    fields: ['givenName', 'street', 'city', 'alarmDevice', 'gpName', 'keySafeLocation', 'phone'],
    send: (field, value) => admin.patch(`/api/clients/${clientId}`, { [field]: value }),
  },
  { route: 'POST /api/clients/:id/objection', ...post(() => admin, () => `/api/clients/${clientId}/objection`, () => ({ objected: false, note: 'Spoke with the daughter' }), ['note']) },
  { route: 'POST /api/clients/:id/emergency-access', ...post(() => partner, () => `/api/clients/${clientId}/emergency-access`, () => ({ reason: 'Client fell and does not answer the door' }), ['reason']) },
  {
    route: 'POST /api/clients/import',
    fields: CSV_HEADER,
    send: (field, value) => {
      const row = csvRow();
      row[CSV_HEADER.indexOf(field)] = value;
      return t.app.inject({ method: 'POST', url: '/api/clients/import', headers: { cookie: admin.cookie, 'content-type': 'text/csv' }, payload: [CSV_HEADER.join(';'), csvLine(row)].join('\n') });
    },
  },
  {
    route: 'GET /api/clients (search)',
    fields: ['q', 'postcode', 'alarmAccount'],
    send: (field, value) => admin.get(`/api/clients?${new URLSearchParams({ [field]: value }).toString()}`),
  },
  {
    route: 'GET /api/nightcare/identification-index',
    fields: ['familyName', 'houseNumber'],
    send: (field, value) => {
      const byName = { familyName: 'Invoer', dateOfBirth: validClient().dateOfBirth };
      const byAddress = { postcode: '7811 AB', houseNumber: '12' };
      const query = { ...(field === 'familyName' ? byName : byAddress), [field]: value, callerPhone: '+31612345678' };
      return admin.get(`/api/nightcare/identification-index?${new URLSearchParams(query).toString()}`);
    },
  },
  {
    route: 'GET /api/audit (filter)',
    // The purpose first: it takes plain text, while the action is a word of the closed audit vocabulary.
    fields: ['purpose', 'action'],
    send: (field, value) => admin.get(`/api/audit?${new URLSearchParams({ [field]: value }).toString()}`),
  },
  { route: 'POST /api/organisations', ...post(() => admin, () => '/api/organisations', () => ({ allianceId: world.allianceId, name: `Welfare ${unique()}`, kind: 'welfare', city: 'Emmen' }), ['name', 'city']) },
  {
    route: 'POST /api/agreements',
    ...post(() => admin, () => '/api/agreements', () => ({ allianceId: world.allianceId, organisationId: world.outsiderOrg, purposes: ['respite'], startsOn: today(), signedBy: 'Director' }), ['signedBy']),
  },
  {
    route: 'POST /api/staff',
    ...post(() => admin, () => '/api/staff', () => ({ email: `staff-${unique()}@example.org`, name: 'Piet Nurse', password: 'long-enough-password', roles: ['nurse'] }), ['name', 'email']),
  },
  { route: 'POST /api/api-keys', ...post(() => admin, () => '/api/api-keys', () => ({ name: 'Receiver' }), ['name']) },
  {
    route: 'POST /api/nightcare/alarms',
    fields: ['note', 'account', 'eventCode', 'occurredAt', 'idempotency-key'],
    send: (field, value) =>
      field === 'idempotency-key'
        ? t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': value }, payload: { account: ACCOUNT, reason: 'fall' } })
        : webhook(withValue({ account: ACCOUNT, reason: 'fall', eventCode: '101', note: 'Pendant pressed', occurredAt: new Date().toISOString() }, field, value)),
  },
  { route: 'POST /api/nightcare/incidents', ...post(() => admin, () => '/api/nightcare/incidents', () => ({ reason: 'fall', note: 'Fell in the hall', callerName: 'Daughter' }), ['note', 'callerName']) },
  { route: 'POST /api/nightcare/incidents/:id/triage', ...post(() => admin, async () => `/api/nightcare/incidents/${await freshIncident()}/triage`, () => ({ urgency: 'U3', note: 'Awake, in pain' }), ['note']) },
  { route: 'POST /api/nightcare/incidents/:id/cancel', ...post(() => admin, async () => `/api/nightcare/incidents/${await freshIncident()}/cancel`, () => ({ reason: 'false_alarm', note: 'Pressed by mistake' }), ['note']) },
  { route: 'POST /api/nightcare/incidents/:id/escalate-112', ...post(() => admin, async () => `/api/nightcare/incidents/${await freshIncident('on_site')}/escalate-112`, () => ({ note: 'Chest pain' }), ['note']) },
  {
    route: 'POST /api/nightcare/incidents/:id/complete',
    ...post(() => admin, async () => `/api/nightcare/incidents/${await freshIncident('on_site')}/complete`, () => ({ actions: ['Helped up'], followUpNeeded: true, followUp: 'Call the GP', notes: 'Bruised hip' }), ['actions.0', 'followUp', 'notes']),
  },
  {
    route: 'POST /api/nightcare/incidents/:id/refer-gp',
    ...post(() => admin, async () => `/api/nightcare/incidents/${await freshIncident('on_site')}/refer-gp`, () => ({ reason: 'Suspected hip fracture', urgency: 'U3', summary: 'Pain on standing' }), ['reason', 'summary']),
  },
  { route: 'POST /api/nightcare/referrals/:id/answer', ...post(() => admin, () => `/api/nightcare/referrals/${crypto.randomUUID()}/answer`, () => ({ answer: 'GP comes by', outcome: 'gp_visit' }), ['answer']) },
  {
    route: 'POST /api/planning/visits',
    ...post(() => admin, () => '/api/planning/visits', () => ({ clientId, ...visitInShift(), task: 'Turn in bed', durationMinutes: 15 }), ['task', 'windowStart']),
  },
  { route: 'POST /api/audit/emergency-reviews/:id', ...post(() => admin, () => `/api/audit/emergency-reviews/${crypto.randomUUID()}`, () => ({ verdict: 'justified', note: 'Confirmed by the nurse' }), ['note']) },
];

/** Control characters, NUL, lone surrogates and any Unicode, inside or around ordinary text. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(NUL, '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff', '\u2028', '\ufeff', '\uffff', '\n', '\t', 'a', ' '), maxLength: 20 }),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(NUL, '\u0001', '\u001f', '\u0080', '\ud83d'), fc.string({ maxLength: 20 })).map((parts) => parts.join('')),
);

describe('valid requests with one text field made hostile', () => {
  it('never answer 5xx on any write or search route', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets).chain((target) => fc.tuple(fc.constant(target), fc.constantFrom(...target.fields), hostileText)),
        async ([target, field, value]) => {
          const response = await target.send(field, value);
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(response.statusCode, `${target.route} ${field}=${JSON.stringify(value)} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.json<ErrorBody>().error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 600 },
    );
    // The run reached the database too, not only the validators.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  }, 60_000);

  it('accepts plain text in the first field of each route, so the run above reaches past the validators', async () => {
    // Without a GP post for the postcode, a referral, its answer and a review of a grant that does not exist end in a 4xx by design.
    const endsBefore = new Set(['POST /api/nightcare/incidents/:id/refer-gp', 'POST /api/nightcare/referrals/:id/answer', 'POST /api/audit/emergency-reviews/:id']);
    for (const target of targets) {
      const response = await target.send(target.fields[0] ?? '', 'Gewone tekst met één accent');
      if (endsBefore.has(target.route)) expect([404, 409], `${target.route} → ${response.body}`).toContain(response.statusCode);
      else expect(response.statusCode, `${target.route} → ${response.body}`).toBeLessThan(300);
    }
  });
});
