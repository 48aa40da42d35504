import { describe, expect, it } from 'vitest';
import { useAdminPage } from './support.js';

/** The alliance administrator's page for the AES keys of encrypting DC-09 alarm transmitters. */

const adminPage = useAdminPage(['alliance_admin'], 'keyadmin');

describe('alarm keys page', () => {
  it('generates, stores, lists without the key, refuses a wrong length and deletes after confirmation', async () => {
    const { page, errors } = await adminPage.open();
    await page.goto('/');
    await page.getByRole('link', { name: 'Alarmsleutels' }).click();
    await page.getByRole('heading', { name: 'Sleutels van alarmzenders', level: 1 }).waitFor();
    await page.getByText('Er zijn nog geen sleutels.').waitFor();

    await page.getByLabel('Alarmnummer', { exact: true }).fill('ab12');
    await page.getByLabel('Sleutellengte').selectOption('128');
    await page.getByRole('button', { name: 'Willekeurige sleutel maken (128 bits)' }).click();
    const keyField = page.getByLabel('Sleutel (hexadecimaal)');
    const key = await keyField.inputValue();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    await page.getByRole('button', { name: 'Sleutel opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De sleutel van AB12 is opgeslagen' }).waitFor();
    const item = page.getByRole('list', { name: 'Alarmnummers met een sleutel' }).getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('#AB12');
    expect(await item.textContent()).toContain('128 bits');
    expect(await keyField.inputValue()).toBe('');
    expect(await page.content()).not.toContain(key);

    await page.getByLabel('Alarmnummer', { exact: true }).fill('CD34');
    await keyField.fill('abcd');
    await page.getByRole('button', { name: 'Sleutel opslaan' }).click();
    await page.locator('#f-key-error').getByText('Een sleutel is precies 32, 48 of 64 tekens').waitFor();
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Sleutel van AB12 verwijderen' }).click();
    await page.getByRole('status').filter({ hasText: 'De sleutel van AB12 is verwijderd.' }).waitFor();
    await page.getByText('Er zijn nog geen sleutels.').waitFor();
    expect(errors).toEqual([]);
  });
});
