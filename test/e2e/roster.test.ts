import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, openNightShift, SETUP, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, openLoggedInPage, RESULTS, startE2eServer, type E2eServer } from './support.js';

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let world: World;
let coordinatorUser: TestUser;
let coordinator: Session;
let admin: Session;
let sanne: { user: TestUser; session: Session };
let piet: { user: TestUser; session: Session };
let incidentId: string;
const contexts: BrowserContext[] = [];

async function nightNurse(organisationId: string, label: string) {
  const user = await addUser(server.db, server.deps.secretBox, organisationId, ['nurse'], label);
  await addTeamMember(server.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId });
  const session = await login(api, user);
  expect((await session.post('/api/nightcare/duty', { skills: [] })).statusCode).toBe(200);
  return { user, session };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  await openNightShift(db, world.allianceId);
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  coordinatorUser = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'night-coordinator');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(api, coordinatorUser);
  admin = await login(api, await addUser(db, secretBox, world.homeOrg, ['alliance_admin'], 'alliance-admin'));
  sanne = await nightNurse(world.partnerOrg, 'sanne');
  piet = await nightNurse(world.homeOrg, 'piet');
  expect((await piet.session.post('/api/nightcare/break', { onBreak: true })).statusCode).toBe(200);
  // A client with a planned visit on Sanne's round in 40 minutes, and an incident Sanne is on.
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'registrar'));
  const body = validClient({ familyName: 'Roosterman' });
  const created = await registrar.post('/api/clients', body);
  expect(created.statusCode).toBe(201);
  const clientId = created.json<{ id: string }>().id;
  const night = (await coordinator.get('/api/nightcare/roster')).json<{ night: string }>().night;
  const start = new Date(Date.now() + 40 * 60_000);
  await db
    .insertInto('planned_visit')
    .values({ alliance_id: world.allianceId, organisation_id: world.homeOrg, client_id: clientId, night, task: 'Medicatie', window_start: start, window_end: new Date(start.getTime() + 3600_000), duration_minutes: 15, latitude: 52.78, longitude: 6.9, assigned_user_id: sanne.user.id, sequence: 1, planned_start: start, created_by: coordinatorUser.id })
    .execute();
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  const key = (await createApiKey(db, alarmCentre, 'receiver')).key;
  const alarm = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': key, 'idempotency-key': crypto.randomUUID() }, payload: { account: body.alarmAccount, reason: 'fall' } });
  incidentId = alarm.json<{ incidentId: string }>().incidentId;
  for (const [s, url, payload] of [
    [coordinator, 'triage', { urgency: 'U3' }],
    [coordinator, 'assign', { userId: sanne.user.id }],
    [sanne.session, 'accept', undefined],
  ] as const) {
    const response = await s.post(`/api/nightcare/incidents/${incidentId}/${url}`, payload);
    expect(response.statusCode, response.body).toBe(200);
  }
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await server?.close();
});

const roster = (page: Page) => page.getByRole('region', { name: /Rooster vannacht/ });

describe("the coordinator's roster", () => {
  it('shows who is on tonight from which organisation, what each is doing and a staffing warning below the minimum', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinatorUser);
    await page.clock.install();
    await page.goto('/nightcare');
    const section = roster(page);
    await section.getByRole('table').waitFor();
    // Two signed up against the default minimum of three, which says it is our choice.
    await section.getByRole('alert').filter({ hasText: 'Onderbezetting: 2 van minimaal 3 verpleegkundigen' }).waitFor();
    await section.getByText('standaardwaarde van Samenzorg (onze eigen keuze, geen norm)', { exact: false }).waitFor();
    const sanneRow = section.getByRole('row', { name: /sanne/ });
    await sanneRow.getByText('Partner care').waitFor();
    await sanneRow.getByText('Onderweg').waitFor();
    await sanneRow.getByText(/\d\d:\d\d · Medicatie/).waitFor();
    await sanneRow.getByText('1 melding · 1/1 bezoeken te gaan').waitFor();
    const pietRow = section.getByRole('row', { name: /piet/ });
    await pietRow.getByText('Home care').waitFor();
    await pietRow.getByText('Pauze').waitFor();

    const axe = await new AxeBuilder({ page }).include('.nc-roster').include('.nc-call-backs').withTags(WCAG_AA).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'roster.png'), fullPage: true });

    // Piet's break ends: the board hears it on the live stream.
    expect((await piet.session.post('/api/nightcare/break', { onBreak: false })).statusCode).toBe(200);
    await pietRow.getByText('Vrij').waitFor();
    // The alliance lowers its minimum to two: no warning after the next look.
    expect((await admin.patch('/api/nightcare/roster/settings', { minimumNurses: 2 })).statusCode).toBe(200);
    await page.reload();
    await roster(page).getByText('Ingesteld door het samenwerkingsverband', { exact: false }).waitFor();
    expect(await roster(page).getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('turns a call-back red once its due time passes on the clock', async () => {
    const due = new Date(Date.now() + 10 * 60_000).toISOString();
    expect((await coordinator.post(`/api/nightcare/incidents/${incidentId}/call-backs`, { party: 'family', name: 'Marieke (dochter)', phone: '06 1234 5678', dueAt: due })).statusCode).toBe(201);
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinatorUser);
    await page.clock.install();
    await page.goto('/nightcare');
    const list = page.getByRole('region', { name: /^Terugbellen/ });
    const item = list.getByRole('listitem').filter({ hasText: 'Marieke (dochter)' });
    await item.getByText(/^uiterlijk \d\d:\d\d$/).waitFor();
    expect(await item.getAttribute('class')).not.toContain('overdue');
    await page.clock.fastForward('11:00');
    await item.getByText(/^te laat sinds \d\d:\d\d$/).waitFor();
    expect(await item.getAttribute('class')).toContain('nc-call-back--overdue');
    await list.getByText('1 te laat').waitFor();
    // Phoned back from the incident's panel: it leaves the list and enters the call log.
    await item.getByRole('button', { name: /Melding openen/ }).click();
    const panel = page.getByRole('article');
    await panel.getByRole('button', { name: 'Teruggebeld Marieke (dochter)' }).click();
    await panel.getByText('Gebeld naar Marieke (dochter)').waitFor();
    await list.getByText('Niemand om terug te bellen.').waitFor();
    // A call that needs no call-back goes into the log from the same panel.
    await panel.getByText('Gesprek vastleggen', { exact: true }).first().click();
    const logForm = panel.getByRole('form', { name: 'Gesprek vastleggen' });
    await logForm.getByLabel('Wie').selectOption('gp_post');
    await logForm.getByLabel('Naam').fill('Huisartsenpost Emmen');
    await logForm.getByLabel('Notitie').fill('Huisarts komt om 04:00');
    await logForm.getByRole('button', { name: 'Gesprek vastleggen' }).click();
    await panel.getByText('Gebeld door Huisartsenpost Emmen').waitFor();
    await panel.getByText('Huisarts komt om 04:00').waitFor();
    expect(errors).toEqual([]);
  });

  it('exchanges messages with the nurse on the live stream, with read receipts', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinatorUser);
    await page.goto(`/nightcare?incident=${incidentId}`);
    const messages = page.getByRole('region', { name: 'Berichten' });
    await messages.getByLabel('Bericht').fill('Dochter komt om 03:00.');
    await messages.getByRole('button', { name: 'Versturen' }).click();
    const mine = messages.getByRole('listitem').filter({ hasText: 'Dochter komt om 03:00.' });
    await mine.getByText('nog niet gelezen').waitFor();
    // The nurse reads it and answers from the app (through the API here).
    expect((await sanne.session.post(`/api/nightcare/incidents/${incidentId}/messages/read`)).json()).toEqual({ marked: 1 });
    await mine.getByText(/^gelezen \d\d:\d\d$/).waitFor();
    expect((await sanne.session.post(`/api/nightcare/incidents/${incidentId}/messages`, { body: 'Begrepen.' })).statusCode).toBe(201);
    await messages.getByText('Begrepen.').waitFor();
    // Shown on the board is read: the nurse's app learns it.
    await expect.poll(async () => (await sanne.session.get(`/api/nightcare/incidents/${incidentId}/messages`)).json<{ items: { body: string; readAt: string | null }[] }>().items.find((m) => m.body === 'Begrepen.')?.readAt ?? null).not.toBeNull();
    const axe = await new AxeBuilder({ page }).include('.messages').include('.nc-calls').withTags(WCAG_AA).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
