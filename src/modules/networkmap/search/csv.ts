import type { PublicInitiative } from '../schemas.js';

export const CSV_EXPORT_COLUMNS = ['id', 'title', 'summary', 'municipality', 'network', 'place', 'partners', 'themes', 'target_groups', 'stage', 'started_on', 'contact_name', 'contact_email', 'contact_phone', 'links', 'latitude', 'longitude', 'last_verified_on', 'fictional'] as const;

/**
 * RFC 4180, with a cell that starts like a formula (= + - @) prefixed by an apostrophe so a spreadsheet
 * shows it as text instead of running it (CSV injection).
 */
const cell = (value: string | number | boolean | null) => {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The public list as CSV: the same fields the public pages show, contact only where consented. */
export function initiativesCsv(items: PublicInitiative[]): string {
  const rows = items.map((i) => {
    const record: Record<(typeof CSV_EXPORT_COLUMNS)[number], string | number | boolean | null> = {
      id: i.id, title: i.title, summary: i.summary, municipality: i.municipality.name, network: i.network.name, place: i.place, partners: i.partners.map((p) => p.name).join('; '),
      themes: i.themes.join('; '), target_groups: i.targetGroups.join('; '), stage: i.stage, started_on: i.startedOn, contact_name: i.contact?.name ?? '',
      contact_email: i.contact?.email ?? '', contact_phone: i.contact?.phone ?? '', links: i.links.join(' '), latitude: i.latitude, longitude: i.longitude,
      last_verified_on: i.lastVerifiedOn, fictional: i.fictional,
    };
    return CSV_EXPORT_COLUMNS.map((c) => cell(record[c])).join(',');
  });
  return [CSV_EXPORT_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
