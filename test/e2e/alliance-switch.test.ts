import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import type { Db } from '../../src/platform/db/index.js';
import { addUser, createWorld, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let coordinator: TestUser;
const contexts: BrowserContext[] = [];

/** An unidentified alarm on an alliance's board, told apart by its device account. */
async function openAlarm(db: Db, allianceId: string, account: string): Promise<void> {
  const incident = await db.insertInto('incident').values({ alliance_id: allianceId, status: 'received', reason: 'personal_emergency', received_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('incident_event').values({ incident_id: incident.id, type: 'received', to_status: 'received', details: JSON.stringify({ account }) }).execute();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const night = await createWorld(db);
  const respite = await createWorld(db);
  await db.updateTable('alliance').set({ name: 'Nachtzorg Test' }).where('id', '=', night.allianceId).execute();
  await db.updateTable('alliance').set({ name: 'Logeerzorg Test' }).where('id', '=', respite.allianceId).execute();
  // The respite pilot's care provider is in the night alliance too; its coordinator is in both night teams.
  await db.insertInto('alliance_membership').values({ alliance_id: night.allianceId, organisation_id: respite.homeOrg }).execute();
  coordinator = await addUser(db, secretBox, respite.homeOrg, ['coordinator'], 'two-alliances');
  for (const allianceId of [night.allianceId, respite.allianceId]) {
    await addTeamMember(db, { allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: respite.homeOrg });
  }
  await openAlarm(db, night.allianceId, 'NIGHTA1');
  await openAlarm(db, respite.allianceId, 'RESPB1');
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('the acting-alliance switcher in the header', () => {
  it('asks a user of an organisation in two alliances to choose one, and the board shows the chosen alliance only', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator);
    await page.goto('/nightcare');
    await page.getByText('kies de alliantie waarin u werkt').first().waitFor();
    const switcher = page.getByLabel('Samenwerkingsverband');
    expect(await switcher.inputValue()).toBe('');

    const board = page.getByRole('list', { name: 'Meldingen' });
    for (const [alliance, shown, hidden] of [
      ['Nachtzorg Test', 'NIGHTA1', 'RESPB1'],
      ['Logeerzorg Test', 'RESPB1', 'NIGHTA1'],
    ] as const) {
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), switcher.selectOption({ label: alliance })]);
      await page.goto('/nightcare');
      await board.getByText(shown, { exact: false }).waitFor();
      expect(await board.getByText(hidden, { exact: false }).count()).toBe(0);
      expect(await page.getByLabel('Samenwerkingsverband').locator('option:checked').textContent()).toBe(alliance);
    }
    expect(errors).toEqual([]);
  });

  it('is not shown to a user whose organisation is in one alliance', async () => {
    const { db, secretBox } = server.deps;
    const single = await createWorld(db);
    const user = await addUser(db, secretBox, single.homeOrg, ['coordinator'], 'one-alliance');
    const { page } = await openLoggedInPage(browser, server, contexts, user);
    await page.goto('/');
    await page.getByLabel('Organisatie').or(page.getByText('Home care')).first().waitFor();
    expect(await page.getByLabel('Samenwerkingsverband').count()).toBe(0);
  });
});
