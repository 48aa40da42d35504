import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/modules/alliance/index.js';
import { addScanDirectly } from '../../src/modules/networkmap/index.js';
import { SETUP, type TestUser } from '../support/world.js';
import { expectNoAxeViolations } from './support.js';
import { useNetworkMapWorld } from './networkmap-world.js';

const world = useNetworkMapWorld({
  alliance: 'Netwerken Koppelen', network: 'Netwerk Palliatieve Zorg Noord-Drenthe', coordinator: 'netcoord-link',
  municipalities: [{ name: 'Assen', latitude: 52.993, longitude: 6.562 }, { name: 'Tynaarlo', latitude: 53.077, longitude: 6.617 }],
});
let assenStaff: TestUser;

beforeAll(async () => {
  const { db } = world.server;
  const assenOrg = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Gemeente Assen', kind: 'municipality' });
  assenStaff = await world.addStaff(assenOrg, ['coordinator'], 'gemeente-assen');
  await addScanDirectly(db, {
    alliance_id: world.allianceId, network_id: world.networkId, municipality_id: world.municipality('Assen'), held_on: '2026-02-01', work_together: 3, find_each_other: 2, needs_aligned: 3,
    work_together_note: '', find_each_other_note: '', needs_aligned_note: '', participants: 'Beleidsadviseur Wmo', filled_by: world.coordinator.id,
  });
});

describe('linking a municipality to its organisation on the dashboard', () => {
  it('lets the coordinator link Assen, refuses the same organisation for a second municipality, and shows the municipality’s explanation in the history; 0 WCAG 2.1 AA violations', async () => {
    const { page, errors } = await world.loggedInPage(world.coordinator);
    await page.goto('/netwerkkaart/dashboard');
    const links = page.getByRole('region', { name: 'Gemeenten koppelen aan hun organisatie' });
    await links.getByLabel('Organisatie van Assen').selectOption({ label: 'Gemeente Assen' });
    await links.getByRole('button', { name: 'Koppeling opslaan' }).first().click();
    await links.getByRole('status').getByText('Assen is gekoppeld.').waitFor();
    await links.getByLabel('Organisatie van Tynaarlo').selectOption({ label: 'Gemeente Assen' });
    await links.getByRole('button', { name: 'Koppeling opslaan' }).nth(1).click();
    await links.getByRole('alert').getByText('Deze organisatie is al aan een andere gemeente gekoppeld.', { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    const staff = await world.loggedInPage(assenStaff);
    await staff.page.goto('/netwerkkaart/quick-scan-gemeente');
    await staff.page.getByRole('heading', { level: 2, name: 'Gemeente Assen (Netwerk Palliatieve Zorg Noord-Drenthe)' }).waitFor();
    await staff.page.getByLabel(/Toelichting van de gemeente bij de ronde van .*2026/).fill('Het sociaal team begint dit voorjaar.');
    await staff.page.getByRole('button', { name: /Toelichting bij .*2026 opslaan/ }).click();
    await staff.page.getByRole('status').getByText('De toelichting is opgeslagen.').waitFor();
    await expectNoAxeViolations(staff.page);

    await page.reload();
    const history = page.getByRole('region', { name: 'Quick-scan door de tijd' });
    await history.getByRole('cell', { name: 'Het sociaal team begint dit voorjaar.' }).waitFor();
    expect(await links.getByLabel('Organisatie van Assen').inputValue()).not.toBe('');
    expect(errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });
});
