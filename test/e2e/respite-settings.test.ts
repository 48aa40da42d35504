import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useAdminPage } from './support.js';

/** The alliance administrator's respite settings page: help per field, an error summary, the save. */

const adminPage = useAdminPage(['alliance_admin'], 'respitesettings');

describe('respite settings page', () => {
  it('explains each setting, names a wrong value in the error summary, saves a change and has no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await adminPage.open();
    await page.goto('/');
    await page.getByRole('link', { name: 'Instellingen logeerzorg' }).click();
    await page.getByRole('heading', { name: 'Instellingen logeerzorg', level: 1 }).waitFor();
    const leadDays = page.getByLabel('Minimale aanvraagtijd (dagen)');
    expect(await leadDays.inputValue()).toBe('3');
    await page.getByText('Standaard: 3 (onze keuze). Toegestaan: 0 tot en met 60.').waitFor();
    await expectNoAxeViolations(page);

    await leadDays.fill('90');
    await page.getByLabel('Bedenktijd bij een aanbod van de wachtlijst (uren)').fill('12');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Minimale aanvraagtijd (dagen): Vul een heel aantal dagen in van 0 tot en met 60.' }).waitFor();
    expect(await leadDays.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);

    await leadDays.fill('10');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De instellingen zijn opgeslagen.' }).waitFor();
    const row = await adminPage.server().db.selectFrom('respite_settings').select(['min_lead_days', 'hold_hours']).where('alliance_id', '=', adminPage.allianceId()).executeTakeFirstOrThrow();
    expect(row).toEqual({ min_lead_days: 10, hold_hours: 12 });
    await page.reload();
    expect(await page.getByLabel('Minimale aanvraagtijd (dagen)').inputValue()).toBe('10');
    expect(errors).toEqual([]);
  });
});
