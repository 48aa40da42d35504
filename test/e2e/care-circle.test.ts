import { beforeAll, describe, expect, it } from 'vitest';
import { validClient, type TestUser } from '../support/world.js';
import { callFromPage as call, useCircleBrowser } from './circle-browser.js';
import { expectNoAxeViolations } from './support.js';

const env = useCircleBrowser();
let coordinator: TestUser;
let districtNurse: TestUser;
let allianceAdmin: TestUser;

beforeAll(async () => {
  coordinator = await env.addStaff(env.world.homeOrg, ['coordinator'], 'circle-coord');
  districtNurse = await env.addStaff(env.world.partnerOrg, ['nurse'], 'circle-district');
  allianceAdmin = await env.addStaff(env.world.homeOrg, ['alliance_admin'], 'circle-alliance');
});

describe('a care circle on a 360 px phone', () => {
  it('a daughter signed in from the e-mail link invites a neighbour; the neighbour claims a task; the district nurse sees it', async () => {
    const staff = await env.staffPage(coordinator);
    await staff.page.goto('/');
    const client = await call(staff.page, 'POST', '/api/clients', validClient({ givenName: 'Jantje', familyName: 'Bakker' }));
    const clientId = (JSON.parse(client.body) as { id: string }).id;
    expect((await call(staff.page, 'POST', `/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke Bakker', email: 'marieke@burger.example' }, consentGiven: true })).status).toBe(201);

    const daughter = await env.signInFromMail('marieke@burger.example');
    await daughter.getByRole('heading', { name: 'Zorgkring van Jantje Bakker', level: 1 }).waitFor();
    expect(new URL(daughter.url()).pathname).toBe(`/burger/kring/${clientId}`);
    await expectNoAxeViolations(daughter);
    await daughter.getByLabel('Naam').fill('Henk de Buur');
    await daughter.getByLabel('E-mailadres').fill('henk@burger.example');
    // A neighbour gets the tasks and the messages by default; this daughter chooses the tasks only.
    await daughter.getByRole('checkbox', { name: 'Berichten', exact: true }).uncheck();
    await daughter.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await daughter.getByText('We hebben Henk de Buur een e-mail gestuurd.').waitFor();
    await daughter.getByText('Henk de Buur mag zien: de taken. Toestemming gegeven door Marieke Bakker.').waitFor();
    await expectNoAxeViolations(daughter);
    expect(await daughter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await call(daughter, 'POST', `/api/circles/${clientId}/members`, { type: 'formal', kind: 'district_nurse', name: 'Wijkverpleging', organisationId: env.world.partnerOrg, scopes: ['circle_tasks', 'circle_messages'] })).status).toBe(201);
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() };
    expect((await call(daughter, 'POST', `/api/circles/${clientId}/tasks`, { title: 'Boodschappen doen', place: 'home', ...window })).status).toBe(201);
    // Reciprocity: the daughter offers help on the page; the neighbour will take it up. And a message for the circle.
    await daughter.getByRole('radio', { name: 'Hulp aanbieden' }).check();
    await daughter.getByLabel('Wat precies?').fill('Samen koffie drinken');
    await daughter.getByRole('button', { name: 'Plaatsen' }).click();
    await daughter.getByText('Marieke Bakker biedt dit aan.').waitFor();
    await daughter.getByLabel('Nieuw bericht').fill('Henk, dank je wel voor de hulp!');
    await daughter.getByRole('button', { name: 'Versturen' }).click();
    await daughter.getByText('Henk, dank je wel voor de hulp!').waitFor();
    await expectNoAxeViolations(daughter);

    const neighbour = await env.signInFromMail('henk@burger.example');
    await neighbour.getByRole('heading', { name: 'Zorgkring van Jantje Bakker', level: 1 }).waitFor();
    await neighbour.getByRole('button', { name: 'Ik doe dit: Boodschappen doen' }).click();
    await neighbour.getByText('Henk de Buur doet dit.').waitFor();
    await neighbour.getByRole('button', { name: 'Graag: Samen koffie drinken' }).click();
    await neighbour.getByText('Henk de Buur neemt dit aanbod aan.').waitFor();
    // The neighbour's consent names the tasks, not the messages: no messages on the page.
    expect(await neighbour.getByRole('heading', { name: 'Berichten' }).count()).toBe(0);
    // An informal member sees the tasks, and not who gave which consent.
    expect(await neighbour.getByRole('heading', { name: 'Wie mag wat zien' }).count()).toBe(0);
    await expectNoAxeViolations(neighbour);

    const nurse = await env.staffPage(districtNurse);
    await nurse.page.goto('/');
    const tasks = await call(nurse.page, 'GET', `/api/circles/${clientId}/tasks`);
    expect(tasks.status).toBe(200);
    expect((JSON.parse(tasks.body) as { items: { title: string; status: string; acceptedBy: string }[] }).items).toEqual([expect.objectContaining({ title: 'Boodschappen doen', status: 'accepted', acceptedBy: 'Henk de Buur' })]);
    await nurse.page.goto(`/circles/${clientId}`);
    await nurse.page.getByRole('heading', { name: 'Zorgkring van Jantje Bakker', level: 1 }).waitFor();
    await nurse.page.getByRole('cell', { name: 'Henk de Buur doet dit.' }).waitFor();
    await nurse.page.getByText('Taak opgepakt · Henk de Buur').waitFor();
    await nurse.page.getByText('Henk, dank je wel voor de hulp!').waitFor();
    await expectNoAxeViolations(nurse.page);
    expect(nurse.errors).toEqual([]);
  });
  it('shows residents the neighbourhood partnership’s progress at 360 px, without login, with no WCAG 2.1 AA violations', async () => {
    const admin = await env.staffPage(allianceAdmin);
    await admin.page.goto('/');
    const created = await call(admin.page, 'POST', '/api/neighbourhoods', { slug: 'e2e-angelslo', name: 'Angelslo', municipality: 'Emmen', postcodes: ['7824'], fictional: true });
    const id = (JSON.parse(created.body) as { id: string }).id;
    for (const organisationId of [env.world.homeOrg, env.world.municipality]) expect((await call(admin.page, 'POST', `/api/neighbourhoods/${id}/partners`, { organisationId })).status).toBe(204);
    const ambition = (JSON.parse((await call(admin.page, 'POST', `/api/neighbourhoods/${id}/ambitions`, { title: 'Niemand is alleen' })).body) as { id: string }).id;
    const commitment = (JSON.parse((await call(admin.page, 'POST', `/api/neighbourhoods/${id}/commitments`, { ambitionId: ambition, organisationId: env.world.municipality, text: 'Een buurtkamer open op vijf dagen' })).body) as { id: string }).id;
    expect((await call(admin.page, 'PUT', `/api/neighbourhoods/${id}/commitments/${commitment}/progress`, { progress: 80 })).status).toBe(204);

    const resident = await env.phone();
    await resident.goto('/wijk/e2e-angelslo');
    await resident.getByRole('heading', { name: 'Samen in Angelslo', level: 1 }).waitFor();
    await resident.getByText('Dit is een voorbeeld.', { exact: false }).waitFor();
    await resident.getByText('80 procent klaar', { exact: true }).waitFor();
    await resident.getByText('Samen 80 procent klaar').waitFor();
    await expectNoAxeViolations(resident);
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
