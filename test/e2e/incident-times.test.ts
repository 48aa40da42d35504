import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login } from '../support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

const ACCOUNT = 'E2E7E1';
let server: E2eServer;
let browser: Browser;
let coordinator: TestUser;
let alarmKey: string;
let zone: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  zone = (await db.selectFrom('alliance').select('time_zone').where('id', '=', world.allianceId).executeTakeFirstOrThrow()).time_zone;
  coordinator = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'timescoord');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: world.partnerOrg });
  alarmKey = (await createApiKey(db, await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' }), 'receiver')).key;
  const { buildApp } = await import('../../src/app.js');
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'timesregistrar'));
  expect((await registrar.post('/api/clients', validClient({ alarmAccount: ACCOUNT, givenName: 'Trientje', familyName: 'Tijd' }))).statusCode).toBe(201);
  await api.close();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('incident times on the board', () => {
  it("shows the server's receipt time and, beside it, the time the alarm centre reported", async () => {
    const reported = new Date(Date.now() - 2 * 24 * 3600_000);
    const response = await fetch(`${server.baseUrl}/api/nightcare/alarms`, {
      method: 'POST',
      headers: { 'x-api-key': alarmKey, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ account: ACCOUNT, reason: 'fall', occurredAt: reported.toISOString() }),
    });
    expect(response.status).toBe(202);
    const { incidentId } = (await response.json()) as { incidentId: string };

    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator);
    await page.goto(`/nightcare?incident=${incidentId}`);
    const panel = page.getByRole('article');
    const times = panel.locator('p', { hasText: 'volgens de alarmcentrale' });
    await times.waitFor();
    const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('nl-NL', { ...options, timeZone: zone });
    const text = await times.innerText();
    // Received now (the clock time only), happened two days ago (with its date).
    expect(text).toMatch(/binnengekomen \d{2}:\d{2} · gebeurd/);
    expect(text).toContain(`gebeurd ${format({ dateStyle: 'short', timeStyle: 'short' }).format(reported)} volgens de alarmcentrale`);
    expect(errors).toEqual([]);
  });

  it('names invisible characters pasted into a phone call entry as the problem, on the field', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator);
    await page.goto('/nightcare');
    await page.getByRole('button', { name: 'Telefonische melding invoeren' }).click();
    await page.getByLabel('Naam beller').fill('Jan\u000bJansen');
    await page.getByRole('button', { name: 'Melding opslaan' }).click();
    await page.getByText('Dit bevat onzichtbare tekens (bijvoorbeeld uit een gekopieerde tekst). Typ de tekst opnieuw.').first().waitFor();
    expect(errors).toEqual([]);
  });
});
