import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser } from '../support/world.js';
import { launchChromium, loginThroughApi, startE2eServer, type E2eServer } from './support.js';

const KEY_SAFE_CODE = '8264';
const NOTE = 'Pijn in de linkerheup, dochter gebeld';

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let alarmKey: string;
let account: string;
let coordinator: Session;
let nurse: TestUser;
let nurseApi: Session;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(db, alarmCentre, 'receiver')).key;
  const coordinatorUser = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'cache-coordinator');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'cache-nurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  coordinator = await login(api, coordinatorUser);
  nurseApi = await login(api, nurse);
  expect((await nurseApi.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
  await db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurse.id).execute();
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'cache-registrar'));
  const body = validClient({ keySafeCode: KEY_SAFE_CODE });
  expect((await registrar.post('/api/clients', body)).statusCode).toBe(201);
  account = body.alarmAccount;
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await server?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  contexts.push(context);
  context.setDefaultTimeout(8_000);
  await loginThroughApi(context, server.baseUrl, nurse);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function onSiteIncident(): Promise<string> {
  const alarm = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': `e2e-${crypto.randomUUID()}` }, payload: { account, reason: 'fall' } });
  const id = alarm.json<{ incidentId: string }>().incidentId;
  const base = `/api/nightcare/incidents/${id}`;
  expect((await coordinator.post(`${base}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
  expect((await coordinator.post(`${base}/assign`, { userId: nurse.id })).statusCode).toBe(200);
  expect((await nurseApi.post(`${base}/accept`)).statusCode).toBe(200);
  expect((await nurseApi.post(`${base}/status`, { status: 'on_site' })).statusCode).toBe(200);
  return id;
}

/** Everything the app keeps in IndexedDB, binary values as bytes read as text: what a thief with the phone's storage would see. */
const deviceStorage = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('samenzorg-nurse');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('no database'));
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of [...db.objectStoreNames]) {
      stores[name] = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
      });
    }
    db.close();
    const text = JSON.stringify(stores, (_key, value: unknown) => {
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return `bytes:${new TextDecoder('latin1').decode(bytes)}|${new TextDecoder().decode(bytes)}`;
      }
      return value;
    });
    return { text, cacheKeys: (stores.cache ?? []).map((e) => (e as { key: string }).key), outbox: (stores.outbox ?? []).length };
  });

describe('the encrypted device cache of active assignments', () => {
  it('keeps the night summary, key-safe code and an offline report on the phone only encrypted, and deletes the copy when the incident ends', async () => {
    const incidentId = await onSiteIncident();
    const { context, page, errors } = await phone();
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByText('Penicillin').first().waitFor();
    await page.getByRole('button', { name: 'Toon sleutelkluiscode' }).click();
    await page.getByText(KEY_SAFE_CODE).waitFor();
    const entry = `incident:${incidentId}`;
    await expect.poll(async () => (await deviceStorage(page)).cacheKeys, { timeout: 5_000 }).toEqual([entry]);

    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Cliënt overeind geholpen').check();
    await page.getByLabel('Opmerkingen').fill(NOTE);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText('1 actie wacht op verbinding.').waitFor();

    const stored = await deviceStorage(page);
    expect(stored.cacheKeys).toEqual([entry]);
    expect(stored.outbox).toBe(1);
    for (const secret of [KEY_SAFE_CODE, 'Penicillin', 'Metoprolol', 'Hearing aid', NOTE, 'Cliënt overeind geholpen', 'Marieke Bakker']) expect(stored.text).not.toContain(secret);
    // The key is not stored beside the data.
    const key = await page.evaluate(() => sessionStorage.getItem('sz.device-key'));
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(stored.text).not.toContain(key);

    await context.setOffline(false);
    await page.getByText('1 actie wacht op verbinding.').waitFor({ state: 'detached' });
    const report = await server.db.selectFrom('visit_report').select(['actions', 'notes']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(report).toEqual({ actions: ['Cliënt overeind geholpen'], notes: NOTE });
    // The incident is completed: its copy leaves the phone.
    await expect.poll(async () => (await deviceStorage(page)).cacheKeys, { timeout: 5_000 }).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('deletes the phone’s copy and its key at logout', async () => {
    const incidentId = await onSiteIncident();
    const { page, errors } = await phone();
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByText('Penicillin').first().waitFor();
    await expect.poll(async () => (await deviceStorage(page)).cacheKeys, { timeout: 5_000 }).toEqual([`incident:${incidentId}`]);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.waitForURL(/\/login/);
    expect((await deviceStorage(page)).cacheKeys).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('sz.device-key'))).toBeNull();
    expect(errors).toEqual([]);
  });
});
