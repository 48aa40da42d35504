import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createApiKey, setSorCode } from '../../src/modules/alliance/index.js';
import { login } from '../support/app.js';
import { haveMedcomExamples, medcomExample } from '../support/medcom.js';
import { addUser, createWorld, validClient, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

/** Issue 17 (C): the staff page of received MedCom messages, in Danish, WCAG 2.1 AA. */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const RECEIVER_SOR = '953741000016009';
const STIN_A = 'hospitalnotification/examples/testscripts/HospitalNotification_Ex_STIN_A.json';

let server: E2eServer;
let browser: Browser;
let coordinator: TestUser;
const contexts: BrowserContext[] = [];

const deliver = async (key: string, bundle: unknown) =>
  (await fetch(`${server.baseUrl}/api/medcom/inbox`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(bundle) })).json() as Promise<{ outcome: string }>;

beforeAll(async () => {
  if (!haveMedcomExamples) return;
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const world = await createWorld(server.db);
  await setSorCode(server.db, world.homeOrg, RECEIVER_SOR);
  const gateway = (await createApiKey(server.db, world.homeOrg, 'VANS gateway', true)).key;
  coordinator = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['coordinator'], 'medcom-page');
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const session = await login(api, coordinator);
  expect((await session.post('/api/clients', validClient({ familyName: 'Elmer', cpr: '250947-9989' }))).statusCode).toBe(201);
  expect((await session.post('/api/clients', validClient({ familyName: 'Nyborg', cpr: '010140-1234' }))).statusCode).toBe(201);
  await api.close();
  expect((await deliver(gateway, medcomExample(STIN_A))).outcome).toBe('processed');
  // The same notification about a CPR number the hospital mistyped into one the organisation also knows, but unmatched at receipt (another id).
  const unknown = JSON.parse(JSON.stringify(medcomExample(STIN_A)).replaceAll('2509479989', '0101409999').replace(/"id" *: *"([0-9a-f-]{36})"/, (_m, id: string) => `"id":"${id.slice(0, -4)}beef"`)) as unknown;
  expect((await deliver(gateway, unknown)).outcome).toBe('rejected');
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe.skipIf(!haveMedcomExamples)('the MedCom inbox page', () => {
  it('lists received messages in Danish with their acknowledgement and person, matches one by CPR, and has no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator);
    await page.goto('/medcom');
    await page.getByRole('heading', { name: 'Modtagne MedCom-beskeder' }).waitFor();
    const rows = page.getByRole('table', { name: 'Modtagne beskeder, nyeste først' }).getByRole('row');
    await rows.filter({ hasText: 'Elmer' }).filter({ hasText: 'Kvitteret OK' }).waitFor();
    const unmatched = rows.filter({ hasText: 'Ikke knyttet til en borger' });
    await unmatched.filter({ hasText: 'Afvist' }).waitFor();
    const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await unmatched.getByLabel('CPR-nummer').fill('010140-1234');
    await unmatched.getByRole('button', { name: 'Knyt til borger' }).click();
    await rows.filter({ hasText: 'Nyborg' }).waitFor();
    expect(await page.getByText('Ikke knyttet til en borger').count()).toBe(0);

    // As a match whose effects failed leaves it: the row says so and offers the retry.
    const nyborg = await server.db.selectFrom('client').select('id').where('family_name', '=', 'Nyborg').executeTakeFirstOrThrow();
    await server.db.updateTable('medcom_message').set({ late_effects: 'pending' }).where('client_id', '=', nyborg.id).execute();
    await page.reload();
    const pending = rows.filter({ hasText: 'Nyborg' });
    await pending.getByText('Indtast CPR-nummeret igen').waitFor();
    const axePending = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(axePending.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await pending.getByLabel('CPR-nummer').fill('010140-1234');
    await pending.getByRole('button', { name: 'Knyt til borger' }).click();
    await page.getByText('Indtast CPR-nummeret igen').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
