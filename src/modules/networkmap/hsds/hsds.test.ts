import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/support/app.js';
import { createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { seedNetworkMapDemo } from '../../../seed/networkmap-demo.js';
import { DEFAULT_HSDS_SCHEMA_DIR } from '../deps.js';
import { describeErrors, hsdsValidator, type HsdsSchemaName } from './validate.js';

// The official schemas, read in place beside the project (HSDS_SCHEMA_DIR for another layout).
const SCHEMAS = DEFAULT_HSDS_SCHEMA_DIR;
const t = await startTestApp({ networkMap: { hsdsSchemaDir: SCHEMAS } });
await seedNetworkMapDemo(t.deps);
// Compiling the official schemas takes seconds, many more on a loaded machine: do it once here, while
// the file is set up, rather than inside the first test's time limit (the validators are cached).
for (const name of ['service', 'service_list', 'organization', 'organization_list'] as const) hsdsValidator(SCHEMAS, name);

const errorsOf = (name: HsdsSchemaName, document: unknown) => {
  const validate = hsdsValidator(SCHEMAS, name);
  return validate(document) ? [] : describeErrors(validate.errors);
};

interface Page<T> { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; contents: T[] }
interface Service { id: string; name: string; contacts: { email?: string }[]; attributes: unknown[] }

describe('HSDS 3 open data', () => {
  it('exports the demo as services and organisations that validate against the official schemas with zero errors', async () => {
    const exported = (await t.app.inject({ method: 'GET', url: '/hsds/export' })).json<{ services: Service[]; organizations: unknown[] }>();
    expect(exported.services.length).toBeGreaterThanOrEqual(20);
    expect(exported.organizations).toHaveLength(3);
    expect(exported.services.flatMap((s) => errorsOf('service', s))).toEqual([]);
    expect(exported.organizations.flatMap((o) => errorsOf('organization', o))).toEqual([]);
    expect(exported.services.some((s) => s.contacts.length === 0)).toBe(true);
    expect(exported.services.some((s) => s.contacts.length === 1)).toBe(true);
    const one = await t.app.inject({ method: 'GET', url: `/hsds/services/${exported.services[0]?.id ?? ''}` });
    expect(one.json()).toEqual(exported.services[0]);
  });

  it('pages /services and /organizations with the HSDS page fields, list items valid as service_list', async () => {
    const first = (await t.app.inject({ method: 'GET', url: '/hsds/services?per_page=10' })).json<Page<unknown>>();
    expect(first).toMatchObject({ page_number: 1, size: 10, first_page: true, last_page: false, empty: false });
    expect(first.total_pages).toBe(Math.ceil(first.total_items / 10));
    expect(first.contents.flatMap((s) => errorsOf('service_list', s))).toEqual([]);
    const last = (await t.app.inject({ method: 'GET', url: `/hsds/services?per_page=10&page=${first.total_pages}` })).json<Page<unknown>>();
    expect(last).toMatchObject({ last_page: true, first_page: false });
    const organisations = (await t.app.inject({ method: 'GET', url: '/hsds/organizations' })).json<Page<unknown>>();
    expect(organisations.total_items).toBe(3);
    expect(organisations.contents.flatMap((o) => errorsOf('organization_list', o))).toEqual([]);
    const searched = (await t.app.inject({ method: 'GET', url: '/hsds/services?search=rouwwandelingen' })).json<Page<Service>>();
    expect(searched.contents.map((s) => s.name)).toEqual(['Rouwwandelingen in het Asserbos']);
  });

  it('re-imports its own export to the same data', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/hsds/export' })).json<{ services: Service[] }>();
    const national = await t.db.selectFrom('organisation').select('id').where('name', '=', 'Agora').executeTakeFirstOrThrow();
    const w = await createNetworkWorld(t);
    const importer = await w.session(national.id, ['coordinator'], 'agora-importer');
    // The demo's resources link to initiatives; the links go with them (the resources stay, they are not HSDS).
    await t.db.deleteFrom('network_resource_initiative').execute();
    await t.db.deleteFrom('initiative_event').execute();
    await t.db.deleteFrom('initiative').execute();
    expect((await t.app.inject({ method: 'GET', url: '/hsds/export' })).json<{ services: Service[] }>().services).toEqual([]);
    const imported = await importer.post('/api/networkmap/hsds/import', { services: before.services });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ added: before.services.length, updated: 0 });
    const after = (await t.app.inject({ method: 'GET', url: '/hsds/export' })).json<{ services: Service[] }>();
    expect(after.services).toEqual(before.services);
  });

  it('refuses an import that is not valid HSDS, naming what is wrong, and changes nothing', async () => {
    const national = await t.db.selectFrom('organisation').select('id').where('name', '=', 'Fibula').executeTakeFirstOrThrow();
    const w = await createNetworkWorld(t);
    const importer = await w.session(national.id, ['coordinator'], 'fibula-importer');
    const count = async () => (await t.db.selectFrom('initiative').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const refused = await importer.post('/api/networkmap/hsds/import', { services: [{ id: 'not-a-uuid', name: 'X', status: 'sometimes' }] });
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json())).toContain('status');
    expect(await count()).toBe(before);
  });
});
