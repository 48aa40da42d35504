import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { addUser, type TestUser } from '../support/world.js';
import { startNursePhoneWorld, type NursePhoneWorld } from './nurse-phone-world.js';
import { launchChromium, openLoggedInPage } from './support.js';

/** Issue 17 (B): the incident says where its night summary came from and how fresh it is. */

let w: NursePhoneWorld;
let browser: Browser;
let coordinator: TestUser;
const contexts: BrowserContext[] = [];

const SUMMARY = { name: 'Jantje Bakker', birthDate: '1938-03-14', address: 'Dorpsstraat 1, 7811 AB Emmen', phone: null, generalPractitioner: 'Dr. Jansen', alerts: ['Valrisico (bron)'], allergies: ['Latex'], wishes: [], reports: [{ at: null, text: 'Evening visit: restless' }] };

beforeAll(async () => {
  [w, browser] = await Promise.all([startNursePhoneWorld('anw-origin'), launchChromium()]);
  coordinator = await addUser(w.server.db, w.server.deps.secretBox, w.world.partnerOrg, ['coordinator'], 'anw-origin-panel');
  await addTeamMember(w.server.db, { allianceId: w.world.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: w.world.partnerOrg });
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await w?.close();
});

/** An on-site incident whose assignment events the Regisseur has handled (no source yet), then the source's answer as given. */
async function incidentWithAccess(status: 'ready' | 'failed' | null): Promise<string> {
  // No source while the Regisseur handles the assignment, so the answer below is the only one.
  await w.server.db.deleteFrom('anw_organisation_setting').where('organisation_id', '=', w.world.homeOrg).execute();
  const incidentId = await w.onSiteIncident();
  const until = Date.now() + 8000;
  while ((await w.server.db.selectFrom('nightcare_assignment_event').select('id').where('incident_id', '=', incidentId).where('handled_at', 'is', null).execute()).length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!status) return incidentId;
  await w.server.db
    .insertInto('anw_organisation_setting')
    .values({ organisation_id: w.world.homeOrg, did: 'did:nuts:home', source_base_url: 'http://127.0.0.1:9', write_back_handover: false })
    .execute();
  await w.server.db
    .insertInto('anw_remote_access')
    .values({
      incident_id: incidentId,
      alliance_id: w.world.allianceId,
      client_id: w.client.id,
      source_organisation_id: w.world.homeOrg,
      nurse_user_id: w.nurse.id,
      remote_patient_id: status === 'ready' ? 'Client.123' : '',
      task_url: null,
      status,
      credential_id: null,
      last_error: status === 'failed' ? 'source_unavailable' : null,
      // A fresh read for this assignment: served from its cache, without asking the source again.
      summary: status === 'ready' ? JSON.stringify(SUMMARY) : null,
      summary_fetched_at: status === 'ready' ? new Date() : null,
    })
    .execute();
  return incidentId;
}

const homeName = async () => (await w.server.db.selectFrom('organisation').select('name').where('id', '=', w.world.homeOrg).executeTakeFirstOrThrow()).name;

describe('where the night summary came from', () => {
  it("shows the nurse the source's summary with its organisation and the time it was read", async () => {
    const incidentId = await incidentWithAccess('ready');
    const { page, errors } = await w.phone();
    await page.goto(`/nurse/incidents/${incidentId}`);
    const line = page.getByText(new RegExp(`^Uit het systeem van ${await homeName()}, gelezen om \\d\\d:\\d\\d$`));
    await line.waitFor();
    await page.getByText('Valrisico (bron)').waitFor();
    await page.getByText('Evening visit: restless').waitFor();
    expect(errors).toEqual([]);
  });

  it('warns the nurse and the coordinator that the source did not answer and the copy of a given day is shown', async () => {
    const incidentId = await incidentWithAccess('failed');
    const { page, errors } = await w.phone();
    await page.goto(`/nurse/incidents/${incidentId}`);
    const warning = page.getByRole('status').filter({ hasText: /^Bron niet bereikbaar: de kopie van \d\d-\d\d wordt getoond$/ });
    await warning.waitFor();
    const panel = await openLoggedInPage(browser, w.server, contexts, coordinator);
    await panel.page.goto(`/nightcare?incident=${incidentId}`);
    await panel.page.getByRole('article').getByText(/^Bron niet bereikbaar: de kopie van \d\d-\d\d wordt getoond$/).waitFor();
    expect([...errors, ...panel.errors]).toEqual([]);
  });

  it('tells the coordinator, in English too, that a client without a source is shown from our copy', async () => {
    const incidentId = await incidentWithAccess(null);
    const { page, errors } = await openLoggedInPage(browser, w.server, contexts, coordinator);
    await page.goto(`/nightcare?incident=${incidentId}`);
    await page.getByRole('article').getByText(/^Kopie in Samenzorg, laatst bijgewerkt \d\d-\d\d$/).waitFor();
    await page.evaluate(() => localStorage.setItem('sz.language', 'en'));
    await page.reload();
    await page.getByRole('article').getByText(/^Copy in Samenzorg, last updated \d\d\/\d\d$/).waitFor();
    expect(errors).toEqual([]);
  });
});
