import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/index.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../support/world.js';
import { expectNoAxeViolations, launchChromium, openLoggedInPage, RESULTS, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let world: World;
let coordinator: TestUser;
const contexts: BrowserContext[] = [];
const hour = 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * hour);

/** Three persons in 7811 with circles, one in 9401; each a plan, a rating and a home-care step after 10, 20, 30, 40 hours. */
async function buildCircles(db: Db, w: World): Promise<void> {
  const c = validClient();
  const postcodes = ['7811AB', '7811CD', '7811EF', '9401AA'];
  for (const [i, postcode] of postcodes.entries()) {
    const client = await db
      .insertInto('client')
      .values({ alliance_id: w.allianceId, organisation_id: w.homeOrg, given_name: c.givenName, family_name: `Persoon ${i}`, date_of_birth: '1944-02-02', street: c.street, house_number: String(i + 1), postcode, city: c.city, municipality: c.municipality, night_summary: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const circle = await db.insertInto('circle').values({ alliance_id: w.allianceId, organisation_id: w.homeOrg, client_id: client.id, opened_by_name: 'Test', created_at: daysAgo(60) }).returning('id').executeTakeFirstOrThrow();
    const base = { circle_id: circle.id, alliance_id: w.allianceId, organisation_id: w.homeOrg };
    await db.insertInto('circle_plan_version').values({ ...base, version: 1, what_matters: 'Thuis', goals: JSON.stringify([{ text: 'Zelf koken', theme: 'self_reliance', met: i !== 0 }]), agreements: '[]', changed_fields: ['goals'], changed_by_name: 'Test', changed_by_kind: 'staff', changed_by_id: coordinator.id }).execute();
    await db.insertInto('circle_experience').values({ ...base, client_id: client.id, rating: 3 + (i % 3), given_by_kind: 'person', given_at: daysAgo(5) }).execute();
    const start = daysAgo(10);
    await db
      .insertInto('circle_task')
      .values({ ...base, client_id: client.id, title: 'home_care_visit', place: 'home', window_start: start, window_end: new Date(start.getTime() + 24 * hour), owner_organisation_id: w.partnerOrg, status: 'done', requested_by_name: 'Test', pathway_step: 'home_care_visit', done_at: new Date(start.getTime() + (i + 1) * 10 * hour), effort_minutes: 60 })
      .execute();
  }
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  coordinator = await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'eval-coordinator');
  await db.insertInto('evaluation_settings').values({ alliance_id: world.allianceId, min_group: 2 }).execute();
  await buildCircles(db, world);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('the evaluation page in the browser', () => {
  it('shows the figures, box plots of the spread, suppressed groups and CSV downloads, with no WCAG 2.1 AA violations at 360 px', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator, { width: 360, height: 800 });
    await page.goto('/evaluation');
    await page.getByRole('heading', { name: 'Evaluatie van de zorgnetwerken' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.nc-chart svg').length >= 7);
    expect(await page.locator('.nc-figure').filter({ hasText: 'Eigen doelen bereikt' }).textContent()).toContain('75%');
    const neighbourhoods = page.getByRole('table', { name: 'Bereik en doorlooptijd per buurt (4-cijferige postcode)' });
    expect(await neighbourhoods.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '7811' }) }).textContent()).toContain('20');
    expect(await neighbourhoods.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '9401' }) }).textContent()).toContain('niet getoond');
    const csvLink = page.getByRole('link', { name: 'Samenvatting' });
    const csv = await page.request.get(String(await csvLink.getAttribute('href')));
    expect(await csv.text()).toContain('Aandeel doelen bereikt;0,75');
    await page.screenshot({ path: path.join(RESULTS, 'evaluation.png'), fullPage: true });
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it('says so when no circle of the organisation existed yet in the period', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator);
    await page.goto('/evaluation');
    // Exact labels: once the charts are drawn, "Uren van professionals…" also contains "van".
    await page.getByLabel('Voor', { exact: true }).selectOption('own');
    // The home organisation's circles were opened 60 days ago: a period in 2020 has none.
    await page.getByLabel('Van', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Tot en met', { exact: true }).fill('2020-12-31');
    await page.getByText('Nog geen zorgnetwerken of afgeronde taken in deze periode.').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the refusal when the alliance does not give the role the figures', async () => {
    const { db, secretBox } = server.deps;
    const other = await createWorld(db);
    const refused = await addUser(db, secretBox, other.homeOrg, ['coordinator'], 'eval-refused');
    await db.insertInto('evaluation_settings').values({ alliance_id: other.allianceId, reader_roles: ['alliance_admin'] }).execute();
    const { page } = await openLoggedInPage(browser, server, contexts, refused);
    await page.goto('/evaluation');
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.nc-chart').count()).toBe(0);
  });
});
