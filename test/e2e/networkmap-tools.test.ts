import { beforeAll, describe, expect, it } from 'vitest';
import { addInitiativeDirectly, addNeedDirectly, addResourceDirectly, sweepVerificationReminders } from '../../src/modules/networkmap/index.js';
import { expectNoAxeViolations } from './support.js';
import { noHorizontalScroll, useNetworkMapWorld } from './networkmap-world.js';

/** The film's host: answered here, so the test sees exactly when the page asks it for anything. */
const FILM_HOST = 'film.voorbeeld.test';
const FILM_URL = `https://${FILM_HOST}/embed/samen`;

const world = useNetworkMapWorld({
  alliance: 'Netwerken Hulpmiddelen', network: 'Netwerk Palliatieve Zorg Zuidwest-Drenthe', coordinator: 'netcoord-tools',
  municipalities: [{ name: 'Meppel', latitude: 52.696, longitude: 6.194 }, { name: 'Hoogeveen', latitude: 52.722, longitude: 6.476 }],
});
let personaId = '';
let filmId = '';

beforeAll(async () => {
  const { db } = world.server;
  const { allianceId, networkId } = world;
  const aYearAgo = new Date(Date.now() - 400 * 24 * 3600_000);
  const initiative = await addInitiativeDirectly(db, {
    title: 'Parkinsoncafé Meppel', summary: 'Partners van mensen met Parkinson ontmoeten elkaar.', municipalityId: world.municipality('Meppel'), place: 'Meppel', partners: [], themes: ['informal_care'], targetGroups: ['informal_caregivers'],
    stage: 'running', contactName: 'Wim Post', contactEmail: 'wim@example.nl', contactPhone: '', contactPublish: false, links: [], files: [], films: [], wantsSupport: false, fictional: true, acceptedAt: aYearAgo,
  });
  personaId = await addResourceDirectly(db, {
    alliance_id: allianceId, organisation_id: networkId, kind: 'persona', title: 'Annie (72) leeft met Parkinson', summary: 'Annie woont met haar man in Meppel.', themes: ['informal_care'],
    persona: { situation: 'Annie valt vaker; haar man zorgt dag en nacht.', needs: ['Rust voor haar man'], helps: ['Een vrijwilliger die een middag komt'], quotes: ['Ik wil niet dat Jan eraan onderdoor gaat.'] },
    made_by: 'Netwerk Palliatieve Zorg Zuidwest-Drenthe', conversations: 2, made_on: '2025-11-12', licence: 'CC BY 4.0', fictional: true,
  }, [initiative]);
  filmId = await addResourceDirectly(db, { alliance_id: allianceId, organisation_id: networkId, kind: 'film', title: 'Film voor gemeenten', summary: 'Samenwerken in de laatste levensfase.', url: FILM_URL, themes: ['palliative_care'], fictional: true });
  const need = { alliance_id: allianceId, network_id: networkId, source: 'signal' as const, noted_on: '2026-02-01', created_by: world.coordinator.id };
  await addNeedDirectly(db, { ...need, municipality_id: world.municipality('Meppel'), description: 'Partners willen af en toe een nacht doorslapen.', theme: 'informal_care', target_group: 'informal_caregivers' });
  await addNeedDirectly(db, { ...need, municipality_id: world.municipality('Hoogeveen'), description: 'Zieken willen thuis praten over zingeving.', theme: 'spiritual_care', target_group: 'incurably_ill' });
});

describe.each([1280, 360])('the network map’s tools at %i px', (width) => {
  it('shows personas with a printable guide, and films that load nothing from their host until played; 0 WCAG 2.1 AA violations', async () => {
    const filmRequests: string[] = [];
    const { page, errors } = await world.publicPage(width, { host: FILM_HOST, requests: filmRequests });
    await page.goto('/netwerkkaart/hulpmiddelen');
    await page.getByRole('heading', { level: 1, name: 'Hulpmiddelen' }).waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    await page.getByRole('link', { name: 'Annie (72) leeft met Parkinson' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annie (72) leeft met Parkinson' }).waitFor();
    await page.getByText('Dit is een verzonnen persoon').waitFor();
    expect(await page.getByRole('link', { name: 'Gespreksleidraad printen (pdf)' }).getAttribute('href')).toBe(`/api/public/networkmap/resources/${personaId}/guide.pdf`);
    await page.getByRole('link', { name: 'Parkinsoncafé Meppel' }).waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);

    await page.goto(`/netwerkkaart/hulpmiddelen/${filmId}`);
    await page.getByRole('button', { name: 'Film afspelen: Film voor gemeenten' }).waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(filmRequests).toEqual([]);
    await page.getByRole('button', { name: 'Film afspelen: Film voor gemeenten' }).click();
    await page.locator('iframe[title="Film voor gemeenten"]').waitFor();
    await expect.poll(() => filmRequests.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('shows the needs per municipality with what meets them and the gaps, in a list and on the map; 0 WCAG 2.1 AA violations', async () => {
    const { page, errors } = await world.publicPage(width);
    await page.goto('/netwerkkaart');
    await page.getByRole('link', { name: 'Wat is nodig' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wat is nodig in de gemeenten' }).waitFor();
    const meppel = page.locator('li[data-level="municipality"]');
    await meppel.getByRole('link', { name: 'Parkinsoncafé Meppel' }).waitFor();
    const gap = page.locator('li[data-level="gap"]');
    expect(await gap.getByRole('heading').textContent()).toBe('Hoogeveen: Zieken willen thuis praten over zingeving.');
    await page.getByText('Hoogeveen: 1 behoefte zonder initiatief').waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    expect(errors).toEqual([]);
  });
});

describe('re-verification and the dashboard', () => {
  it('re-verifies an initiative with one click from the reminder mail, at 360 px', async () => {
    await sweepVerificationReminders(world.server.deps, new Date());
    const mail = await world.smtp.waitFor('wim@example.nl');
    const link = /https?:\/\/\S+herbevestigen\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? '';
    expect(link).not.toBe('');
    const { page, errors } = await world.publicPage(360);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Klopt uw initiatief nog?' }).waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, 360);
    await page.getByRole('button', { name: 'Ja, het klopt nog' }).click();
    await page.getByRole('status').getByText('"Parkinsoncafé Meppel" is bevestigd').waitFor();
    expect(errors).toEqual([]);
  });

  it('lets the network coordinator fill in a quick-scan and note a need, and see both on the dashboard', async () => {
    const { page, errors } = await world.loggedInPage(world.coordinator);
    await page.goto('/netwerkkaart/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Overzicht Netwerk Palliatieve Zorg Zuidwest-Drenthe' }).waitFor();
    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Hoogeveen' });
    await page.getByLabel('Datum').fill('2026-03-01');
    await page.getByRole('group', { name: 'Werken zorg en welzijn al goed samen?' }).getByLabel('5 helemaal').check();
    await page.getByLabel('Wie deden mee').fill('Wethouder en beleidsadviseur');
    await page.getByRole('button', { name: 'Quick-scan opslaan' }).click();
    await page.getByRole('status').getByText('De quick-scan is opgeslagen.').waitFor();
    await page.getByRole('row', { name: /Hoogeveen.*3,7|Hoogeveen.*3\.7/ }).first().waitFor();
    await page.getByText('Hoogeveen: gemiddeld 3.7 van 5').waitFor();
    await page.getByLabel('Gemeente van de behoefte').selectOption({ label: 'Meppel' });
    await page.getByLabel('Wat is nodig?').fill('Nabestaanden zoeken een rouwgroep dichtbij.');
    await page.getByLabel('Thema').selectOption({ label: 'Rouw en verlies' });
    await page.getByLabel('Voor wie').selectOption({ label: 'Nabestaanden' });
    await page.getByRole('button', { name: 'Behoefte opslaan' }).click();
    await page.getByRole('status').getByText('De behoefte is opgeslagen.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Meppel: Nabestaanden zoeken een rouwgroep dichtbij.' }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
