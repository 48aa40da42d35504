import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssignmentAccess } from '../../src/platform/access/index.js';
import { startNursePhoneWorld, type NursePhoneWorld } from './nurse-phone-world.js';
import { expectNoAxeViolations } from './support.js';

let w: NursePhoneWorld;

beforeAll(async () => {
  w = await startNursePhoneWorld('offline');
});

afterAll(() => w?.close());

const phone = () => w.phone();
const onSiteIncident = () => w.onSiteIncident();

describe('the nurse app as an installable, offline-capable phone app', () => {
  it('serves the manifest and a root-scoped service worker with the right headers', async () => {
    const { context, page } = await phone();
    const worker = await context.request.get('/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
    expect(worker.headers()['cache-control']).toBe('no-cache');
    expect(worker.headers()['service-worker-allowed']).toBe('/');
    const manifest = await context.request.get('/manifest.webmanifest');
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    expect(await manifest.json()).toMatchObject({ start_url: '/nurse', scope: '/', display: 'standalone' });
    await page.goto('/nurse');
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    // The page registers the worker for the whole site.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${w.server.baseUrl}/`);
  });

  it('keeps a report written offline on the phone and sends it once when the connection is back', async () => {
    const incidentId = await onSiteIncident();
    const { context, page, errors } = await phone();
    const completes: number[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && response.url().endsWith(`/incidents/${incidentId}/complete`)) completes.push(response.status());
    });
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Cliënt overeind geholpen').check();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText('Het verslag staat op je telefoon', { exact: false }).waitFor();
    await page.getByText('1 actie wacht op verbinding.').waitFor();
    const status = async () => (await w.server.db.selectFrom('incident').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('on_site');

    await context.setOffline(false);
    await page.getByText('1 actie wacht op verbinding.').waitFor({ state: 'detached' });
    expect(await status()).toBe('completed');
    const events = await w.server.db.selectFrom('incident_event').select('type').where('incident_id', '=', incidentId).where('type', '=', 'completed').execute();
    expect(events).toHaveLength(1);
    expect(completes).toEqual([200]);
    const report = await w.server.db.selectFrom('visit_report').select(['actions', 'minutes_correction_reason']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(report).toEqual({ actions: ['Cliënt overeind geholpen'], minutes_correction_reason: null });
    expect(errors).toEqual([]);
  });

  it('has no WCAG 2.1 AA violations at 360 px: home, incident and report form', async () => {
    const incidentId = await onSiteIncident();
    const { page } = await phone();
    await page.goto('/nurse');
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Meldingen op dit toestel aanzetten' }).waitFor();
    await expectNoAxeViolations(page);
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Minuten ter plaatse').fill('55');
    await page.getByLabel('Reden van de correctie').waitFor();
    await expectNoAxeViolations(page);
  });

  it('shows the night plan in route order with planned times, and works a visit through to done (fake clock)', async () => {
    const now = new Date();
    now.setUTCSeconds(0, 0);
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const night = now.toISOString().slice(0, 10);
    const visit = async (sequence: number, task: string, start: number) => {
      const row = await w.server.db
        .insertInto('planned_visit')
        .values({ alliance_id: w.world.allianceId, organisation_id: w.world.homeOrg, client_id: w.client.id, night, task, window_start: at(start - 15), window_end: at(start + 45), duration_minutes: 20, latitude: 52.78, longitude: 6.9, assigned_user_id: w.nurse.id, sequence, planned_start: at(start), created_by: w.nurse.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await grantAssignmentAccess(w.server.db, { allianceId: w.world.allianceId, clientId: w.client.id, userId: w.nurse.id, organisationId: w.world.partnerOrg, reference: `visit:${row.id}`, expiresAt: at(240) });
      return row.id;
    };
    // Stored out of order: the phone lists them by the planner's sequence.
    await visit(1, 'Medicatie 02:00', 90);
    const first = await visit(0, 'Wisselligging', 30);
    const { page, errors } = await phone();
    await page.clock.install({ time: now });
    await page.goto('/nurse');
    const plan = page.getByRole('region', { name: 'Mijn route vannacht' });
    const items = plan.locator('li.nurse-visit');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('Wisselligging');
    expect(await items.nth(1).textContent()).toContain('Medicatie 02:00');
    expect(await items.nth(0).locator('.nurse-visit__time').textContent()).toMatch(/^\d\d:\d\d · venster \d\d:\d\d–\d\d:\d\d$/);
    await items.nth(0).getByRole('button', { name: 'Onderweg' }).click();
    await items.nth(0).getByRole('button', { name: 'Ter plaatse' }).click();
    await items.nth(0).getByRole('button', { name: 'Bezoek klaar' }).click();
    await items.nth(0).getByText('Klaar', { exact: true }).waitFor();
    const stored = await w.server.db.selectFrom('planned_visit').select(['status', 'on_site_at', 'done_at']).where('id', '=', first).executeTakeFirstOrThrow();
    expect(stored.status).toBe('done');
    expect(stored.done_at).not.toBeNull();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
