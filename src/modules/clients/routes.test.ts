import { getDocumentProxy } from 'unpdf';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';
import { CSV_COLUMNS } from './csv-import.js';

let t: TestApp;
let world: World;
let coordinator: Session;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coord'));
  admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'admin'));
});

describe('client search', () => {
  it('finds a client by full name in either order and by street with house number, each word narrowing', async () => {
    const created = await coordinator.post('/api/clients', validClient({ givenName: 'Aaltje', familyName: 'Zoekstra', street: 'Esweg', houseNumber: '68' }));
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    await coordinator.post('/api/clients', validClient({ givenName: 'Aaltje', familyName: 'Anders', street: 'Esweg', houseNumber: '7' }));
    const search = async (q: string) => (await coordinator.get(`/api/clients?q=${encodeURIComponent(q)}`)).json<{ items: { id: string }[] }>().items.map((c) => c.id);
    for (const q of ['Aaltje Zoekstra', 'zoekstra, aaltje', 'Esweg 68', '  ESWEG   68 ']) expect(await search(q), q).toEqual([id]);
    expect(await search('Aaltje')).toHaveLength(2);
    expect(await search('Aaltje Nobody')).toEqual([]);
    // A % or _ is a character to find, not a wildcard.
    expect(await search('%')).toEqual([]);
  });
});

describe('client create validation', () => {
  it('answers bad input with 400 and a message per field', async () => {
    const response = await coordinator.post('/api/clients', validClient({ postcode: 'abc', dateOfBirth: '2999-01-01', contacts: [{ name: '', relation: 'son', phone: 'x' }] }));
    expect(response.statusCode).toBe(400);
    const paths = response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.postcode', 'body.dateOfBirth', 'body.contacts.0.name', 'body.contacts.0.phone']));
    const codes = Object.fromEntries(response.json<{ error: { fields: { path: string; code: string }[] } }>().error.fields.map((f) => [f.path, f.code]));
    // The zod issue code reaches the web app, which translates it.
    expect(codes['body.postcode']).toBe('invalid_format');
    expect(codes['body.contacts.0.name']).toBe('too_small');
  });

  it('needs an alarm account for a client with a personal alarm', async () => {
    const response = await coordinator.post('/api/clients', validClient({ alarmAccount: undefined, personalAlarm: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toContain('body.alarmAccount');
  });

  it('lets only care organisations register clients: a GP post coordinator is refused', async () => {
    const gpCoordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.gpPost, ['coordinator'], 'gpcoord'));
    const refused = await gpCoordinator.post('/api/clients', validClient({ familyName: 'Huisartspost' }));
    expect(refused.statusCode).toBe(403);
    const csv = `${CSV_COLUMNS.join(',')}\n`;
    expect((await t.app.inject({ method: 'POST', url: '/api/clients/import', headers: { cookie: gpCoordinator.cookie, 'content-type': 'text/csv' }, payload: csv })).statusCode).toBe(403);
    const stored = await t.db.selectFrom('client').select('id').where('family_name', '=', 'Huisartspost').execute();
    expect(stored).toEqual([]);
  });

  it('refuses a second client on the same alarm account with 409', async () => {
    const body = validClient({ alarmAccount: 'ABC123' });
    expect((await coordinator.post('/api/clients', body)).statusCode).toBe(201);
    expect((await coordinator.post('/api/clients', { ...body, givenName: 'Other' })).statusCode).toBe(409);
  });

  it('refuses malformed JSON and unknown fields with 400', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/clients', headers: { cookie: coordinator.cookie, 'content-type': 'application/json' }, payload: '{"givenName":' });
    expect(malformed.statusCode).toBe(400);
    expect((await coordinator.post('/api/clients', { ...validClient(), isAdmin: true })).statusCode).toBe(400);
  });

  it('never answers 500 for any JSON body (property)', async () => {
    // Any code point, NUL and lone surrogates included: PostgreSQL refuses NUL in text.
    const json = fc.jsonValue({ stringUnit: 'binary' });
    const text = fc.string({ unit: 'binary' });
    const anyJson = fc.oneof(
      json,
      fc.record({ givenName: json, familyName: text, dateOfBirth: text, postcode: text, latitude: fc.double(), contacts: json, nightSummary: json }, { requiredKeys: [] }),
      fc.constant(validClient()).chain((base) => fc.record({ key: fc.constantFrom(...Object.keys(base)), value: fc.oneof(json, text) }).map(({ key, value }) => ({ ...base, [key]: value }))),
    );
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const response = await t.app.inject({ method: 'POST', url: '/api/clients', headers: { cookie: coordinator.cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect([201, 400, 409]).toContain(response.statusCode);
        if (response.statusCode >= 400) expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses client registration by a nurse', async () => {
    const nurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'n'));
    expect((await nurse.post('/api/clients', validClient())).statusCode).toBe(403);
  });

  it('clears optional fields sent as null, and refuses a latitude without its longitude', async () => {
    const id = (await coordinator.post('/api/clients', validClient({ phone: '+31591000000', gpName: 'Dr. Huisman' }))).json<{ id: string }>().id;
    const cleared = await coordinator.patch(`/api/clients/${id}`, { phone: null, gpName: null, keySafeCode: null, latitude: null, longitude: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ phone: null, gpName: null, hasKeySafe: false, latitude: null, longitude: null, familyName: 'Bakker' });
    expect((await coordinator.patch(`/api/clients/${id}`, { latitude: 52.7 })).statusCode).toBe(400);
    expect((await coordinator.patch(`/api/clients/${id}`, { givenName: null })).statusCode).toBe(400);
  });

  it('keeps the night summary and contacts when an update names other fields', async () => {
    const id = (await coordinator.post('/api/clients', validClient())).json<{ id: string }>().id;
    const updated = await coordinator.patch(`/api/clients/${id}`, { city: 'Coevorden' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ city: 'Coevorden', nightSummary: { allergies: 'Penicillin' }, contacts: [{ name: 'Marieke Bakker' }] });
  });
});

const csvRow = (values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) => CSV_COLUMNS.map((c) => values[c] ?? '').join(';');
const goodRow = (n: number) =>
  csvRow({ given_name: 'Geesje', family_name: `Import${n}`, date_of_birth: '1940-05-0' + ((n % 9) + 1), street: 'Brink', house_number: String(n), postcode: '7741 AB', city: 'Coevorden', municipality: 'Coevorden', personal_alarm: 'ja', alarm_account: `C0FFEE${n}`, risks: 'fall_risk|dementia', contact_name: 'Jan Import', contact_relation: 'zoon', contact_phone: '+31612345678' });

describe('CSV import', () => {
  const countImported = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM client WHERE family_name LIKE 'Import%'`.execute(t.db)).rows[0]?.n);

  it('refuses a batch with bad rows, reports each row and why, and imports none of it', async () => {
    const before = await countImported();
    const csv = [CSV_COLUMNS.join(';'), goodRow(1), csvRow({ given_name: 'No', family_name: 'Importdate', date_of_birth: '31-12-1940', street: 'x', house_number: '1', postcode: '7741AB', city: 'c', municipality: 'm' }), goodRow(2), goodRow(2)].join('\n');
    const response = await coordinator.post('/api/clients/import', csv, { 'content-type': 'text/csv' });
    expect(response.statusCode).toBe(422);
    const refused = response.json<{ error: { code: string; details: { refused: { line: number; problems: { field: string }[] }[] } } }>().error;
    expect(refused.code).toBe('IMPORT_REFUSED');
    expect(refused.details.refused.map((r) => r.line)).toEqual([3, 5]);
    expect(refused.details.refused[0]?.problems.map((p) => p.field)).toContain('dateOfBirth');
    // A date that does not exist is a format problem, not one of range.
    const february = csvRow({ given_name: 'No', family_name: 'Importfeb', date_of_birth: '31-02-1940', street: 'x', house_number: '1', postcode: '7741AB', city: 'c', municipality: 'm' });
    const answer = await coordinator.post('/api/clients/import', [CSV_COLUMNS.join(';'), february].join('\n'), { 'content-type': 'text/csv' });
    const problems = answer.json<{ error: { details: { refused: { problems: { field: string; code: string; message: string }[] }[] } } }>().error.details.refused[0]!.problems.filter((p) => p.field === 'dateOfBirth');
    expect(problems.map((p) => [p.code, p.message])).toEqual([['invalid_format', 'Enter the date of birth as year-month-day, such as 1929-05-03']]);
    expect(refused.details.refused[1]?.problems.map((p) => p.field)).toContain('alarmAccount');
    expect(await countImported()).toBe(before);
  });

  it('imports a valid batch with its contacts and an audit entry per client', async () => {
    const before = await countImported();
    const csv = [CSV_COLUMNS.join(';'), goodRow(10), goodRow(11), goodRow(12)].join('\n');
    const response = await coordinator.post('/api/clients/import', csv, { 'content-type': 'text/csv' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ preview: false, added: 3, updated: 0, ended: 0, unchanged: 0, errors: 0, refused: [], endedClients: [] });
    expect(await countImported()).toBe(before + 3);
    const audit = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE action = 'import'`.execute(t.db);
    expect(Number(audit.rows[0]?.n)).toBeGreaterThanOrEqual(3);
    const found = (await coordinator.get('/api/clients?q=Import11')).json<{ items: { id: string }[] }>().items;
    const record = (await coordinator.get(`/api/clients/${found[0]?.id}`)).json<{ contacts: unknown[]; nightSummary: { risks: string[] } }>();
    expect(record.contacts).toHaveLength(1);
    expect(record.nightSummary.risks).toEqual(['fall_risk', 'dementia']);
  });

  it('refuses a row with more cells than the header instead of shifting its columns', async () => {
    const shifted = goodRow(20).replace('fall_risk|dementia', 'fall_risk;dementia');
    const response = await coordinator.post('/api/clients/import', [CSV_COLUMNS.join(';'), shifted].join('\n'), { 'content-type': 'text/csv' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/line 2/i);
  });

  it('refuses a file without the required columns', async () => {
    const response = await coordinator.post('/api/clients/import', 'name;city\nJan;Emmen', { 'content-type': 'text/csv' });
    expect(response.statusCode).toBe(400);
  });
});

describe('information letters', () => {
  it('renders a PDF with the client name and the objection instructions, in Dutch', async () => {
    const id = (await coordinator.post('/api/clients', validClient({ givenName: 'Hilligje', familyName: 'Oosting' }))).json<{ id: string }>().id;
    const response = await admin.get(`/api/clients/${id}/letter.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('Hilligje Oosting');
    expect(text).toContain('Bezwaar maken');
    expect(text).toContain('Ik maak bezwaar tegen het delen van mijn gegevens');
  });

  it('generates a merged batch with progress and records when the letters were sent', async () => {
    const start = await admin.post('/api/letters/batches', { scope: 'unsent', markSent: true });
    expect(start.statusCode).toBe(202);
    const { id, total } = start.json<{ id: string; total: number }>();
    expect(total).toBeGreaterThan(3);
    await expect.poll(async () => (await admin.get(`/api/letters/batches/${id}`)).json<unknown>()).toMatchObject({ status: 'done', done: total, total });
    const pdf = await admin.get(`/api/letters/batches/${id}/pdf`);
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    expect(doc.numPages).toBe(total);
    const unsent = await sql<{ n: string }>`SELECT count(*) AS n FROM client WHERE organisation_id = ${world.homeOrg} AND letter_sent_at IS NULL`.execute(t.db);
    expect(Number(unsent.rows[0]?.n)).toBe(0);
    // Another organisation cannot see the batch.
    const other = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'oa'));
    expect((await other.get(`/api/letters/batches/${id}/pdf`)).statusCode).toBe(404);
  });

  it('shares an objected client with no other organisation, and the home organisation keeps seeing it', async () => {
    const id = (await coordinator.post('/api/clients', validClient({ familyName: 'Bezwaar' }))).json<{ id: string }>().id;
    expect((await admin.post(`/api/clients/${id}/objection`, { objected: true, note: 'Letter returned signed' })).statusCode).toBe(200);
    expect((await coordinator.get(`/api/clients/${id}`)).json()).toMatchObject({ objectionNote: 'Letter returned signed' });
  });
});

describe('audit log integrity', () => {
  it('refuses UPDATE and DELETE on the audit log', async () => {
    await expect(sql`UPDATE audit_log SET outcome = 'allowed' WHERE id = (SELECT min(id) FROM audit_log)`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('refuses forging the chain columns of an entry, even to the owner', async () => {
    await coordinator.get('/api/clients?q=nobody');
    await coordinator.post('/api/clients', validClient({ familyName: 'Unsealed' }));
    const pending = await sql<{ id: number }>`SELECT id FROM audit_log WHERE hash IS NULL ORDER BY id DESC LIMIT 1`.execute(t.db);
    const id = pending.rows[0]?.id;
    expect(id).toBeDefined();
    await expect(sql`UPDATE audit_log SET seq = 999999, prev_hash = 'x', hash = 'y', user_name = 'forged' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('verify passes on an intact log and finds the row a superuser tampered with', async () => {
    const verifier = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'verify'));
    expect((await verifier.post('/api/audit/verify')).json()).toMatchObject({ ok: true, findings: [] });
    const victim = await sql<{ id: number }>`SELECT id FROM audit_log WHERE outcome = 'allowed' ORDER BY id LIMIT 1 OFFSET 3`.execute(t.db);
    const id = victim.rows[0]?.id;
    // The background sealer links it into the chain within about a second.
    await expect.poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_seal WHERE audit_id = ${id}`.execute(t.db)).rows[0]?.n).toBe(1);
    // Someone with database superuser rights bypasses the trigger to hide an access.
    await t.db.connection().execute(async (conn) => {
      await sql`SET session_replication_role = replica`.execute(conn);
      await sql`UPDATE audit_log SET user_name = 'someone else' WHERE id = ${id}`.execute(conn);
      await sql`SET session_replication_role = origin`.execute(conn);
    });
    expect((await verifier.post('/api/audit/verify')).json()).toMatchObject({ ok: false, findings: [{ kind: 'alteration', auditId: id }] });
  });
});
