import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNursePhoneWorld, type NursePhoneWorld } from './nurse-phone-world.js';

const KEY_SAFE_CODE = '8264';
const NOTE = 'Pijn in de linkerheup, dochter gebeld';

let w: NursePhoneWorld;

beforeAll(async () => {
  w = await startNursePhoneWorld('cache', { keySafeCode: KEY_SAFE_CODE });
});

afterAll(() => w?.close());

const phone = () => w.phone();
const onSiteIncident = () => w.onSiteIncident();

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
    await expect.poll(async () => (await deviceStorage(page)).cacheKeys).toEqual([entry]);

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
    const report = await w.server.db.selectFrom('visit_report').select(['actions', 'notes']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(report).toEqual({ actions: ['Cliënt overeind geholpen'], notes: NOTE });
    // The incident is completed: its copy leaves the phone.
    await expect.poll(async () => (await deviceStorage(page)).cacheKeys).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('deletes the phone’s copy and its key at logout', async () => {
    const incidentId = await onSiteIncident();
    const { page, errors } = await phone();
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByText('Penicillin').first().waitFor();
    await expect.poll(async () => (await deviceStorage(page)).cacheKeys).toEqual([`incident:${incidentId}`]);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.waitForURL(/\/login/);
    expect((await deviceStorage(page)).cacheKeys).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('sz.device-key'))).toBeNull();
    expect(errors).toEqual([]);
  });
});
