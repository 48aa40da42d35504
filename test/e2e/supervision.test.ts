import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { sweepSupervision } from '../../src/modules/nightcare/index.js';
import { shiftStartingOn } from '../../src/modules/nightteam/index.js';
import { addUser, createWorld, type TestUser, type World } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

/** Supervision in the browser: the administrator's settings beside the alarm keys, and the board's intake-silence alarm. */

let server: E2eServer;
let browser: Browser;
let world: World;
let admin: TestUser;
let coordinator: TestUser;
const contexts: BrowserContext[] = [];
const HOUR = 3600_000;

beforeAll(async () => {
  // The test runs the supervision sweep itself, on a clock a year ahead; a timer sweep at the real time could change its alarm.
  [server, browser] = await Promise.all([startE2eServer({ nightcareSweeps: false }), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  admin = await addUser(db, secretBox, world.homeOrg, ['alliance_admin'], 'supadmin');
  coordinator = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'supcoord');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: world.partnerOrg });
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

const seen = (at: Date) =>
  server.db.insertInto('supervised_source').values({ alliance_id: world.allianceId, kind: 'dc09', source: `E2E${at.getTime().toString(16).slice(-8).toUpperCase()}`, last_seen_at: at, due_at: new Date(at.getTime() + 48 * HOUR) }).execute();

describe('supervision', () => {
  it('lets the administrator set the night-time silence alarm and an account’s test interval', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, admin);
    await page.goto('/');
    await page.getByRole('link', { name: 'Alarmsleutels' }).click();
    await page.getByRole('heading', { name: 'Bewaking van alarmbronnen', level: 2 }).waitFor();
    await page.getByText('Nog geen enkele bron gehoord.').waitFor();
    const silence = page.getByLabel('Stilte-alarm ’s nachts (minuten)');
    await expect.poll(() => silence.inputValue()).toBe('60');
    await silence.fill('45');
    await page.getByRole('button', { name: 'Stilte-alarm opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Stilte-alarm ’s nachts staat op 45 minuten.' }).waitFor();

    const account = page.getByLabel('Alarmaccount', { exact: true });
    await account.fill('zz');
    await page.getByRole('button', { name: 'Interval opslaan' }).click();
    await page.locator('#f-supervisedAccount-error').waitFor();
    expect(await account.getAttribute('aria-invalid')).toBe('true');

    await account.fill('ab77');
    await page.getByLabel('Testinterval (minuten)').fill('90');
    await page.getByRole('button', { name: 'Interval opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Testinterval van #AB77 opgeslagen.' }).waitFor();
    const item = page.getByRole('list', { name: 'Bewaakte alarmbronnen' }).getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('#AB77');
    expect(await item.textContent()).toContain('interval 90 min');
    const stored = await server.db.selectFrom('alliance').select('intake_silence_minutes').where('id', '=', world.allianceId).executeTakeFirstOrThrow();
    expect(stored.intake_silence_minutes).toBe(45);
    expect(errors).toEqual([]);
  });

  it('shows the intake-silence alarm on the board, and takes it away live when intake resumes', async () => {
    // A night a year ahead: the sweep runs on a fake clock.
    const shift = shiftStartingOn(`${new Date().getUTCFullYear() + 1}-01-20`, 'Europe/Amsterdam', { start: '23:00', end: '07:00' });
    await seen(new Date(shift.startsAt.getTime() + HOUR));
    await sweepSupervision(server.deps, new Date(shift.startsAt.getTime() + 3 * HOUR));

    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator);
    await page.goto('/nightcare');
    const alert = page.getByRole('alert').filter({ hasText: 'Geen meldingen meer ontvangen sinds 00:00' });
    await alert.waitFor();
    await page.locator('.nc-live--open').waitFor();

    await seen(new Date(shift.startsAt.getTime() + 3 * HOUR + 60_000));
    await sweepSupervision(server.deps, new Date(shift.startsAt.getTime() + 3 * HOUR + 120_000));
    await alert.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
