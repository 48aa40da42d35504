import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

// A winter night: the shift runs 23:00–07:00 local (22:00Z–06:00Z).
const NIGHT = '2027-02-10';
const NURSE_NAME = 'Annemarie van der Heijden-Oosterhuis';

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let world: World;
let planner: TestUser;
let plannerApi: Session;
const contexts: BrowserContext[] = [];
const visitIds: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db, { plannedVisits: true });
  // Icare's night coordinator: in the night team and planning visits for Icare's own clients.
  planner = await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'planner');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: planner.id, organisationId: world.homeOrg });
  const nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'planner-nurse');
  await db.updateTable('app_user').set({ name: NURSE_NAME }).where('id', '=', nurse.id).execute();
  await db.insertInto('nurse_duty').values({ alliance_id: world.allianceId, user_id: nurse.id, organisation_id: world.partnerOrg, starts_at: '2027-02-10T22:00:00Z', ends_at: '2027-02-11T06:00:00Z', skills: ['lifting'], latitude: 52.78, longitude: 6.9 }).execute();
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  plannerApi = await login(api, planner);
  for (const [i, task, from, to] of [[0, 'Insuline spuiten', '23:30', '00:30'], [1, 'Wisselhouding', '02:00', '03:00']] as const) {
    const clientId = (await plannerApi.post('/api/clients', validClient({ givenName: 'Wilhelmina', familyName: `Bartelds-Ten Hove ${i}`, latitude: 52.79 + i / 100, longitude: 6.91 }))).json<{ id: string }>().id;
    const created = await plannerApi.post('/api/planning/visits', { clientId, night: NIGHT, task, windowStart: from, windowEnd: to, durationMinutes: 20 });
    expect(created.statusCode, created.body).toBe(201);
    visitIds.push(created.json<{ id: string }>().id);
  }
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await server?.close();
});

describe('the night planner', () => {
  it('plans with the computing budget the coordinator sets, and explains the timeline: legend and full names in tooltips by keyboard', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, planner);
    const budgets: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/planning/nights/${NIGHT}/solve`)) budgets.push(r.postDataJSON());
    });
    await page.goto(`/planning?night=${NIGHT}`);
    await page.getByRole('heading', { name: 'Nachtplanning' }).waitFor();
    const budget = page.getByLabel('Rekentijd van de planner (seconden)');
    await budget.fill('99');
    expect(await page.getByRole('button', { name: 'Nacht plannen' }).isDisabled()).toBe(true);
    await budget.fill('1.5');
    await page.getByRole('button', { name: 'Nacht plannen' }).click();
    await page.getByText('Planning klaar').waitFor({ timeout: 15_000 });
    expect(budgets).toEqual([{ timeLimitSeconds: 1.5 }]);
    expect((await server.db.selectFrom('planning_run').select('time_limit_ms').where('alliance_id', '=', world.allianceId).executeTakeFirstOrThrow()).time_limit_ms).toBe(1500);

    const legend = page.getByRole('list', { name: 'Legenda' });
    for (const entry of ['Tijdvenster', 'Gepland bezoek', NURSE_NAME, 'Niet ingepland']) await legend.getByText(entry).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.gantt__bar').length === 2);

    // The nurse's name is cut off in the narrow column; its tooltip gives it whole, by keyboard too.
    const label = page.locator('.gantt__label').getByRole('button', { name: NURSE_NAME });
    await label.focus();
    const tip = page.getByRole('tooltip').filter({ hasText: NURSE_NAME }).first();
    await tip.waitFor();
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    // A visit's tooltip: the client's full name, the task, the window and the nurse.
    const visit = page.locator('.gantt__window').getByRole('button', { name: /Insuline spuiten/ });
    await visit.focus();
    const visitTip = page.getByRole('tooltip').filter({ hasText: 'Wilhelmina Bartelds-Ten Hove 0' });
    await visitTip.waitFor();
    expect(await visitTip.textContent()).toMatch(new RegExp(`^${NURSE_NAME} · Wilhelmina Bartelds-Ten Hove 0: Insuline spuiten, venster 23:30–00:30`));
    // Touch: a tap opens it as well.
    await page.locator('.gantt__window').getByRole('button', { name: /Wisselhouding/ }).click();
    await page.getByRole('tooltip').filter({ hasText: 'Wisselhouding' }).waitFor();

    const axe = await new AxeBuilder({ page }).include('.planner__timeline').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('changes and deletes a planned visit from the planner', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, planner);
    await page.goto(`/planning?night=${NIGHT}`);
    const list = page.getByRole('region', { name: 'Bezoeken deze nacht' });
    const first = list.getByRole('listitem').filter({ hasText: 'Insuline spuiten' });
    await first.getByRole('button', { name: 'Wijzigen' }).click();
    const form = page.getByRole('form', { name: 'Insuline spuiten wijzigen' });
    await form.getByLabel('Taak').fill('Insuline spuiten en bloedsuiker');
    await form.getByLabel('Venster tot').fill('01:00');
    // The change itself must be accepted before the list can show it (and a failure then says which step broke).
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/planning/visits/${visitIds[0]}`));
    await form.getByRole('button', { name: 'Wijziging opslaan' }).click();
    expect((await saved).status()).toBe(204);
    await list.getByText('Insuline spuiten en bloedsuiker').waitFor();
    const changed = await server.db.selectFrom('planned_visit').select(['task', 'window_end', 'assigned_user_id']).where('id', '=', visitIds[0]!).executeTakeFirstOrThrow();
    expect(changed).toEqual({ task: 'Insuline spuiten en bloedsuiker', window_end: new Date('2027-02-11T00:00:00Z'), assigned_user_id: null });

    const second = list.getByRole('listitem').filter({ hasText: 'Wisselhouding' });
    await second.getByRole('button', { name: 'Verwijderen' }).click();
    await second.getByRole('button', { name: 'Ja, Wisselhouding verwijderen' }).click();
    await second.waitFor({ state: 'detached' });
    expect(await server.db.selectFrom('planned_visit').select('id').where('id', '=', visitIds[1]!).executeTakeFirst()).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
