import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/modules/alliance/index.js';
import { addInitiativeDirectly, addResourceDirectly, addScanDirectly, linkMunicipalityOrganisation } from '../../src/modules/networkmap/index.js';
import { SETUP, type TestUser } from '../support/world.js';
import { expectNoAxeViolations } from './support.js';
import { noHorizontalScroll, useNetworkMapWorld } from './networkmap-world.js';

const world = useNetworkMapWorld({
  alliance: 'Netwerken Publiceren', network: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', coordinator: 'netcoord-publish',
  municipalities: [{ name: 'Emmen', latitude: 52.786, longitude: 6.898 }, { name: 'Coevorden', latitude: 52.661, longitude: 6.74 }],
});
let initiativeId = '';
let emmenStaff: TestUser;
let coevordenStaff: TestUser;

const initiative = (title: string, municipality: string) => ({
  title, summary: 'Mensen met COPD en hun naasten praten over ademnood en de laatste fase.', municipalityId: world.municipality(municipality), place: municipality, partners: [], themes: ['palliative_care' as const], targetGroups: ['incurably_ill' as const],
  stage: 'running' as const, contactName: 'Harm Lubbers', contactEmail: 'harm@example.nl', contactPhone: '', contactPublish: false, links: [], files: [], films: [], wantsSupport: false, fictional: true,
});

beforeAll(async () => {
  const { db } = world.server;
  initiativeId = await addInitiativeDirectly(db, initiative('Ademcafé Emmen', 'Emmen'));
  await addInitiativeDirectly(db, initiative('Longpunt Coevorden', 'Coevorden'));
  await addResourceDirectly(db, {
    alliance_id: world.allianceId, organisation_id: world.networkId, kind: 'persona', title: 'Gerrit (74) leeft met COPD', summary: 'Gerrit woont alleen in Emmen.', themes: ['palliative_care'],
    persona: { situation: 'Gerrit is vaak benauwd en durft de deur niet meer uit.', needs: ['Iemand die langskomt'], helps: ['De buurvrouw'], quotes: ['Ik wil thuis blijven.'] },
    made_by: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', conversations: 2, made_on: '2025-10-01', licence: 'CC BY 4.0', fictional: true,
  }, [initiativeId]);
  const emmenOrg = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Gemeente Emmen', kind: 'municipality' });
  const coevordenOrg = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Gemeente Coevorden', kind: 'municipality' });
  await linkMunicipalityOrganisation(db, world.municipality('Emmen'), emmenOrg);
  await linkMunicipalityOrganisation(db, world.municipality('Coevorden'), coevordenOrg);
  emmenStaff = await world.addStaff(emmenOrg, ['coordinator'], 'gemeente-emmen');
  coevordenStaff = await world.addStaff(coevordenOrg, ['coordinator'], 'gemeente-coevorden');
  const scan = { alliance_id: world.allianceId, network_id: world.networkId, municipality_id: world.municipality('Emmen'), work_together_note: 'Maandelijks overleg sociaal team en wijkverpleging.', find_each_other_note: '', needs_aligned_note: '', participants: 'Beleidsadviseur Wmo', filled_by: world.coordinator.id };
  await addScanDirectly(db, { ...scan, held_on: '2025-03-01', work_together: 2, find_each_other: 3, needs_aligned: 2 });
  await addScanDirectly(db, { ...scan, held_on: '2026-03-01', work_together: 4, find_each_other: 3, needs_aligned: 1 });
});

describe('publishing resources', () => {
  it('lets the network coordinator publish a persona after clear corrections, link it to an initiative, edit it, and withdraw an uploaded document', async () => {
    const { page, errors } = await world.loggedInPage(world.coordinator);
    await page.goto('/netwerkkaart/hulpmiddelen-beheren');
    await page.getByRole('heading', { level: 1, name: 'Hulpmiddelen beheren' }).waitFor();
    await page.getByRole('button', { name: 'Nieuw hulpmiddel' }).click();
    await page.getByLabel('Titel', { exact: true }).fill('Annie (68) leeft met Parkinson');
    await page.getByLabel('Situatie').fill('Annie valt vaker; haar man zorgt dag en nacht.');
    await page.getByLabel('Wat is nodig').fill('Rust voor haar man\nIemand die het overzicht houdt');
    await page.getByLabel('Wat helpt').fill('De casemanager');
    await page.getByLabel('Gemaakt door').fill('Netwerk Palliatieve Zorg Zuidoost-Drenthe');
    await page.getByLabel('Uit hoeveel gesprekken').fill('0');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Uit hoeveel gesprekken: Een persona komt uit minstens 1 gesprek.' }).waitFor();
    await summary.getByRole('link', { name: 'Licentie: Vul de licentie in, bijvoorbeeld CC BY 4.0.' }).waitFor();
    await summary.getByRole('link', { name: 'Datum van de gesprekken: Vul de datum van de gesprekken in.' }).waitFor();
    expect(await page.getByLabel('Uit hoeveel gesprekken').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);

    await page.getByLabel('Uit hoeveel gesprekken').fill('2');
    await page.getByLabel('Datum van de gesprekken').fill('2025-11-12');
    await page.getByLabel('Licentie').fill('CC BY 4.0');
    await page.getByLabel('Zoek een initiatief op de kaart').fill('Ademcafé');
    await page.getByRole('button', { name: 'Ademcafé Emmen koppelen' }).click();
    await page.getByRole('button', { name: 'Ademcafé Emmen ontkoppelen' }).waitFor();
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('status').getByText('"Annie (68) leeft met Parkinson" is opgeslagen.').waitFor();
    const own = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Annie (68) leeft met Parkinson' }) });
    await own.getByText('Ademcafé Emmen').waitFor();

    await own.getByRole('button', { name: 'Annie (68) leeft met Parkinson bewerken' }).click();
    await page.getByLabel('Titel', { exact: true }).fill('Annie (69) leeft met Parkinson');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('status').getByText('"Annie (69) leeft met Parkinson" is opgeslagen.').waitFor();

    await page.getByRole('button', { name: 'Nieuw hulpmiddel' }).click();
    await page.getByLabel('Soort').selectOption({ label: 'Document' });
    await page.getByLabel('Titel', { exact: true }).fill('Handreiking voor gemeenten');
    await page.getByLabel('Als bestand (pdf)').check();
    await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'handreiking.html', mimeType: 'application/pdf', buffer: Buffer.from('<html>geen pdf</html>') });
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Bestand: Dit bestand is geen pdf. Kies een pdf-bestand.' }).waitFor();
    await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'handreiking.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% handreiking\n%%EOF\n') });
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('status').getByText('"Handreiking voor gemeenten" is opgeslagen.').waitFor();
    await page.getByRole('button', { name: 'Handreiking voor gemeenten intrekken' }).click();
    await page.getByRole('status').getByText('"Handreiking voor gemeenten" is ingetrokken.').waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);

    const published = (await (await page.request.get('/api/public/networkmap/resources')).json()) as { title: string }[];
    expect(published.map((r) => r.title).sort()).toEqual(['Annie (69) leeft met Parkinson', 'Gerrit (74) leeft met COPD']);
  });
});

describe.each([1280, 360])('an initiative and its resources at %i px', (width) => {
  it('lists the resources on the initiative’s page and links back from the resource; 0 WCAG 2.1 AA violations', async () => {
    const { page, errors } = await world.publicPage(width);
    await page.goto(`/netwerkkaart/initiatieven/${initiativeId}`);
    await page.getByRole('heading', { level: 1, name: 'Ademcafé Emmen' }).waitFor();
    const resources = page.getByRole('region', { name: 'Hulpmiddelen bij dit initiatief' });
    await resources.getByRole('link', { name: 'Gerrit (74) leeft met COPD' }).waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    await resources.getByRole('link', { name: 'Gerrit (74) leeft met COPD' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gerrit (74) leeft met COPD' }).waitFor();
    await expectNoAxeViolations(page);
    await noHorizontalScroll(page, width);
    await page.getByRole('link', { name: 'Ademcafé Emmen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ademcafé Emmen' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('the municipality’s own quick-scan', () => {
  it('shows the municipality’s staff every round with the change since the one before, and takes their explanation; 0 WCAG 2.1 AA violations', async () => {
    const { page, errors } = await world.loggedInPage(emmenStaff);
    await page.goto('/netwerkkaart/quick-scan-gemeente');
    await page.getByRole('heading', { level: 1, name: 'Quick-scan van uw gemeente' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gemeente Emmen (Netwerk Palliatieve Zorg Zuidoost-Drenthe)' }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(2).innerText()).toMatch(/4 \(\+2\)\s+3 \(0\)\s+1 \(-1\)\s+2\.7/);
    await page.getByText('Maandelijks overleg sociaal team en wijkverpleging.').first().waitFor();
    // Read-only: the scores are text, there is no quick-scan form.
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectNoAxeViolations(page);
    const explain = page.getByLabel(/Toelichting van de gemeente bij de ronde van .*2026/);
    await explain.fill('Het sociaal team is in 2025 gestart; de wachttijd voor de casemanager is nog lang.');
    await page.getByRole('button', { name: /Toelichting bij .*2026 opslaan/ }).click();
    await page.getByRole('status').getByText('De toelichting is opgeslagen.').waitFor();
    expect(errors).toEqual([]);

    const coordinator = await world.loggedInPage(world.coordinator);
    const seen = await coordinator.page.request.get(`/api/networkmap/municipalities/${world.municipality('Emmen')}/quick-scans`);
    expect(((await seen.json()) as { rounds: { municipalityNote: string }[] }).rounds[1]?.municipalityNote).toContain('wachttijd voor de casemanager');
  });

  it('shows another municipality’s staff only their own municipality', async () => {
    const { page, errors } = await world.loggedInPage(coevordenStaff, 360);
    await page.goto('/netwerkkaart/quick-scan-gemeente');
    await page.getByRole('heading', { level: 2, name: 'Gemeente Coevorden (Netwerk Palliatieve Zorg Zuidoost-Drenthe)' }).waitFor();
    await page.getByText('Er is nog geen quick-scan ingevuld.').waitFor();
    expect(await page.getByText('Gemeente Emmen').count()).toBe(0);
    expect((await page.request.get(`/api/networkmap/municipalities/${world.municipality('Emmen')}/quick-scans`)).status()).toBe(404);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
