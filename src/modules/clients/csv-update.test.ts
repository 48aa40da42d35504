import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, type World } from '../../../test/support/world.js';
import { CSV_COLUMNS } from './csv-import.js';

/** Issue 11 item 9: an import keeps the organisation's copy current and says what it changed. */

let t: TestApp;
let world: World;
let coordinator: Session;

type Report = { preview: boolean; added: number; updated: number; ended: number; unchanged: number; errors: number; endedClients: { clientNumber: string; name: string }[]; refused: { line: number }[] };

const row = (n: number, overrides: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) => {
  const values: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {
    client_number: `K-${n}`, given_name: 'Fenna', family_name: `Update${n}`, date_of_birth: '1941-02-03', street: 'Esweg', house_number: String(n), postcode: '7921 AB',
    city: 'Zuidwolde', municipality: 'De Wolden', district_nursing: 'ja', personal_alarm: 'nee', phone: '+31 528 123456', key_safe_code: '1234', contact_name: 'Roelof Update', contact_relation: 'zoon', contact_phone: '+31612345678',
    ...overrides,
  };
  return CSV_COLUMNS.map((c) => values[c] ?? '').join(';');
};
const csv = (...rows: string[]) => [CSV_COLUMNS.join(';'), ...rows].join('\n');
const upload = async (text: string, query = '') => {
  const response = await coordinator.post(`/api/clients/import${query}`, text, { 'content-type': 'text/csv' });
  return { status: response.statusCode, body: response.json<Report>(), raw: response.body };
};
const clientByNumber = (n: number) => t.db.selectFrom('client').selectAll().where('organisation_id', '=', world.homeOrg).where('client_number', '=', `K-${n}`).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coord'));
  const first = await upload(csv(row(1), row(2), row(3)));
  expect(first.status, first.raw).toBe(200);
  expect(first.body).toMatchObject({ added: 3, updated: 0, unchanged: 0, ended: 0 });
});

describe('CSV import of a current list', () => {
  it('updates clients matched on the client number, leaves identical rows alone and adds new numbers', async () => {
    const before = await clientByNumber(1);
    const result = await upload(csv(row(1), row(2, { street: 'Brink', phone: '' }), row(3), row(4)));
    expect(result.status, result.raw).toBe(200);
    expect(result.body).toMatchObject({ preview: false, added: 1, updated: 1, unchanged: 2, ended: 0, errors: 0 });
    const updated = await clientByNumber(2);
    expect(updated.street).toBe('Brink');
    // An empty cell clears the field: the file is the whole truth about the client.
    expect(updated.phone).toBeNull();
    expect((await clientByNumber(1)).updated_at).toEqual(before.updated_at);
    const count = await t.db.selectFrom('client').select((eb) => eb.fn.countAll<string>().as('n')).where('organisation_id', '=', world.homeOrg).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('previews the end of care for clients missing from the file, changing nothing', async () => {
    const result = await upload(csv(row(1), row(2, { street: 'Brink', phone: '' }), row(4)), '?endMissing=true&preview=true');
    expect(result.status, result.raw).toBe(200);
    expect(result.body).toMatchObject({ preview: true, added: 0, updated: 0, unchanged: 3, ended: 1 });
    expect(result.body.endedClients).toEqual([expect.objectContaining({ clientNumber: 'K-3', name: 'Fenna Update3' })]);
    expect((await clientByNumber(3)).care_ended_on).toBeNull();
  });

  it('ends care for missing clients only when asked, and resumes it when the client is back in a later file', async () => {
    const without = await upload(csv(row(1), row(2, { street: 'Brink', phone: '' }), row(4)));
    expect(without.body).toMatchObject({ ended: 0, unchanged: 3 });
    expect((await clientByNumber(3)).care_ended_on).toBeNull();
    const ending = await upload(csv(row(1), row(2, { street: 'Brink', phone: '' }), row(4)), '?endMissing=true');
    expect(ending.body).toMatchObject({ preview: false, ended: 1, unchanged: 3 });
    expect((await clientByNumber(3)).care_ended_on).toBe(new Date().toISOString().slice(0, 10));
    // Care that resumes: the client comes back in a later file.
    const back = await upload(csv(row(1), row(2, { street: 'Brink', phone: '' }), row(3), row(4)));
    expect(back.body).toMatchObject({ updated: 1, unchanged: 3 });
    expect((await clientByNumber(3)).care_ended_on).toBeNull();
  });

  it('refuses a file naming one client number twice and changes nothing; a preview reports the errors', async () => {
    const text = csv(row(1, { street: 'Elsewhere' }), row(5), row(5));
    const refused = await coordinator.post('/api/clients/import', text, { 'content-type': 'text/csv' });
    expect(refused.statusCode).toBe(422);
    expect((await clientByNumber(1)).street).toBe('Esweg');
    const preview = await upload(text, '?preview=true');
    expect(preview.body).toMatchObject({ preview: true, errors: 1, updated: 1, added: 1 });
    expect(preview.body.refused.map((r) => r.line)).toEqual([4]);
  });
});
