import { beforeAll, describe, expect, it } from 'vitest';
import { addInitiativeDirectly } from '../../src/modules/networkmap/index.js';
import { expectNoAxeViolations } from './support.js';
import { noHorizontalScroll, useNetworkMapWorld } from './networkmap-world.js';

const world = useNetworkMapWorld({
  alliance: 'Netwerken Test', network: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', coordinator: 'netcoord-e2e',
  municipalities: [{ name: 'Emmen', latitude: 52.786, longitude: 6.898 }, { name: 'Coevorden', latitude: 52.661, longitude: 6.74 }],
});

beforeAll(async () => {
  await addInitiativeDirectly(world.server.db, {
    title: 'Rouwcafé Coevorden', summary: 'Nabestaanden ontmoeten elkaar elke maand.', municipalityId: world.municipality('Coevorden'), place: 'Coevorden', partners: [{ name: 'Gemeente Coevorden', kind: 'municipality' }],
    themes: ['grief'], targetGroups: ['bereaved'], stage: 'running', contactName: 'Jo Tiben', contactEmail: 'jo@example.nl', contactPhone: '', contactPublish: false, links: [], files: [], films: [], wantsSupport: false, latitude: 52.66, longitude: 6.74, fictional: true,
  });
});

describe.each([
  [1280, 'wandelt met mensen in de laatste levensfase'],
  [360, 'koffie en gesprek voor mantelzorgers'],
])('the network map at %i px', (width, what) => {
  it('takes a call without an account, confirmed from the e-mail, moderated, then found in the list and on the map; 0 WCAG 2.1 AA violations', async () => {
    const word = `Klompenpad${width}`;
    const email = `melder-${width}@example.nl`;
    const { page, errors } = await world.publicPage(width);
    await page.goto('/netwerkkaart/aanmelden');
    await page.getByRole('heading', { level: 1, name: 'Initiatief aanmelden' }).waitFor();
    await page.getByLabel('In welke gemeente?').selectOption({ label: 'Emmen' });
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    await page.getByLabel('Naam van het initiatief').fill(`${word} ${what}`);
    await page.getByLabel('Wat doet het initiatief?').fill('Vrijwilligers wandelen met mensen die ongeneeslijk ziek zijn en met hun mantelzorgers.');
    await page.getByLabel('Met wie werkt u samen?').fill('Gemeente Emmen\nSedna Welzijn');
    await page.getByLabel('Mantelzorg', { exact: true }).check();
    await page.getByLabel('Start binnenkort').check();
    await page.getByLabel('Uw naam').fill('Aaltje Wubs');
    await page.getByLabel('Uw e-mailadres').fill(email);
    await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
    await page.getByRole('heading', { name: 'Kijk in uw e-mail' }).waitFor();
    await expectNoAxeViolations(page);

    const mail = await world.smtp.waitFor(email, { timeoutMs: 10_000 });
    expect(mail.subject).toBe('Bevestig uw initiatief voor de netwerkkaart');
    const link = /https?:\/\/\S+\/netwerkkaart\/bevestigen\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    await page.getByText('is bevestigd').waitFor();
    await expectNoAxeViolations(page);

    const moderator = await world.loggedInPage(world.coordinator, width);
    await moderator.page.goto('/netwerkkaart/moderatie');
    const item = moderator.page.getByRole('listitem').filter({ hasText: word });
    await item.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
    await moderator.page.getByText('is goedgekeurd').waitFor();
    expect(moderator.errors).toEqual([]);

    await page.goto(`/netwerkkaart?q=${word}`);
    await page.getByRole('link', { name: `${word} ${what}` }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-points]')?.getAttribute('data-points')) === 1);
    await page.waitForFunction(() => document.querySelector('.networkmap-canvas')?.getAttribute('data-ready') === 'true' || !!document.querySelector('.networkmap-map--failed'));
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    await page.getByRole('link', { name: `${word} ${what}` }).click();
    await page.getByRole('heading', { level: 1, name: `${word} ${what}` }).waitFor();
    // No consent given: the contact is not on the public page.
    expect(await page.getByText('Aaltje Wubs').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Emmen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gemeente Emmen' }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

it('opens the municipality page straight from its address', async () => {
  const { page } = await world.publicPage(1280);
  await page.goto(`/netwerkkaart/gemeenten/${world.municipality('Emmen')}`);
  await page.getByRole('heading', { level: 1, name: 'Gemeente Emmen' }).waitFor();
});
