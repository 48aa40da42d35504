import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session } from '../support/app.js';
import { addUser } from '../support/world.js';
import { startNursePhoneWorld, type NursePhoneWorld } from './nurse-phone-world.js';
import { LIVE_TIMEOUT_MS } from './support.js';

const ANSWER = 'De huisarts komt binnen het uur; laat haar liggen.';

let w: NursePhoneWorld;
let gpTriagist: Session;

beforeAll(async () => {
  w = await startNursePhoneWorld('gp');
  gpTriagist = await login(w.api, await addUser(w.server.deps.db, w.server.deps.secretBox, w.world.gpPost, ['nurse'], 'gp-triagist'));
});

afterAll(() => w?.close());

describe('the GP post’s answer on the nurse’s phone', () => {
  it('sends a referral from the phone, asks for confirmation before completing while it is open, and shows the post’s answer live', async () => {
    const incidentId = await w.onSiteIncident();
    const { page, errors } = await w.phone();
    await page.goto(`/nurse/incidents/${incidentId}`);

    await page.getByText('Doorverwijzen naar de huisartsenpost').click();
    await page.getByLabel('Reden').fill('Vermoedelijke heupfractuur');
    await page.getByLabel('Samenvatting voor de huisartsenpost').fill('Pijn in de rechterheup, been verkort.');
    await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
    await page.getByText(/Doorverwezen naar GP post om \d\d:\d\d/).waitFor();
    const referral = await w.server.db.selectFrom('gp_referral').select(['id', 'answered_at']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(referral.answered_at).toBeNull();

    // Completing while the post has not answered asks for confirmation first.
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Cliënt overeind geholpen').check();
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText('De huisartsenpost heeft je verwijzing nog niet beantwoord. Weet je zeker dat je wilt afronden?').waitFor();
    expect((await w.server.db.selectFrom('incident').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow()).status).toBe('on_site');

    // The GP post answers on its own screen; the nurse's page shows it without a reload.
    const answered = await gpTriagist.post(`/api/nightcare/referrals/${referral.id}/answer`, { answer: ANSWER, outcome: 'gp_visit' });
    expect(answered.statusCode, answered.body).toBe(200);
    const notice = page.getByRole('status').filter({ hasText: ANSWER });
    await notice.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await notice.textContent()).toContain('Antwoord van de huisartsenpost');
    expect(errors).toEqual([]);
  });
});
