import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { addInitiativeDirectly } from '../seeding.js';
import type { InitiativeInput } from '../schemas.js';
import { INVENTORY_COLUMNS } from './import.js';

const t = await startTestApp();

const csv = (rows: Record<string, string>[]) => [INVENTORY_COLUMNS.join(','), ...rows.map((r) => INVENTORY_COLUMNS.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(','))].join('\n');
const row = (overrides: Record<string, string>) => ({ summary: 'Een initiatief uit de eerdere inventarisatie van het netwerk.', stage: 'running', contact_name: 'Jo Tiben', contact_email: 'jo@example.nl', ...overrides });

interface Report { added: number; merged: number; refused: number; rows: { line: number; outcome: string; id?: string; mergedInto?: { id: string; score: number }; changed?: string[]; problems?: string[] }[] }

describe('inventory import', () => {
  it('adds new rows, merges near-duplicates of known initiatives (and of its own earlier rows) and reports what it merged', async () => {
    const w = await createNetworkWorld(t);
    const known = await addInitiativeDirectly(t.db, callFor(w.emmen, { title: 'Rouwcafé voor nabestaanden', partners: [{ name: 'Gemeente Emmen', kind: 'municipality' }], themes: ['grief'], place: 'Emmen' }) as InitiativeInput);
    const file = csv([
      row({ title: 'Rouwcafe voor nabestaanden', municipality: w.emmenName, place: 'Emmen', partners: 'Gemeente Emmen; Sedna Welzijn', themes: 'grief;loneliness', links: 'https://rouwcafe.example' }),
      row({ title: 'Zingevingsspreekuur bij de huisarts', municipality: w.coevordenName, place: 'Dalen', partners: 'Gemeente Coevorden; Centrum voor Zingeving', themes: 'spiritual_care' }),
      row({ title: 'Zingevingsspreekuur bij de huisarts Dalen', municipality: w.coevordenName, place: 'Dalen', partners: 'Gemeente Coevorden', themes: 'spiritual_care;palliative_care' }),
      row({ title: 'Ergens anders', municipality: 'Atlantis', partners: '' }),
      row({ title: 'Te', municipality: w.emmenName, stage: 'someday' }),
    ]);
    const response = await w.coordinator.post('/api/networkmap/import', file, { 'content-type': 'text/csv' });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect([report.added, report.merged, report.refused]).toEqual([1, 2, 2]);
    expect(report.rows.map((r) => [r.line, r.outcome])).toEqual([[2, 'merged'], [3, 'added'], [4, 'merged'], [5, 'refused'], [6, 'refused']]);
    expect(report.rows[0]?.mergedInto?.id).toBe(known);
    expect(report.rows[0]?.changed).toEqual(expect.arrayContaining(['partners', 'themes', 'links']) as unknown);
    expect(report.rows[2]?.mergedInto?.id).toBe(report.rows[1]?.id);
    expect(report.rows[3]?.problems).toEqual(['municipality: not in this network region']);
    expect(report.rows[4]?.problems?.join(' ')).toMatch(/title|stage/);
    const merged = await t.db.selectFrom('initiative').select(['partner_names', 'themes', 'links', 'title']).where('id', '=', known).executeTakeFirstOrThrow();
    expect(merged).toEqual({ title: 'Rouwcafé voor nabestaanden', partner_names: 'Gemeente Emmen, Sedna Welzijn', themes: ['grief', 'loneliness'], links: ['https://rouwcafe.example'] });
    const history = await t.db.selectFrom('initiative_event').select(['action', 'actor_kind']).where('initiative_id', '=', known).orderBy('id').execute();
    expect(history.at(-1)).toEqual({ action: 'merged_from_inventory', actor_kind: 'import' });
    const added = await t.app.inject({ method: 'GET', url: `/api/public/networkmap/initiatives/${report.rows[1]?.id ?? ''}` });
    expect(added.json()).toMatchObject({ title: 'Zingevingsspreekuur bij de huisarts', themes: ['spiritual_care', 'palliative_care'], contact: null });
  });

  it('imports only into the coordinator’s own region', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    const report = (await other.coordinator.post('/api/networkmap/import', csv([row({ title: 'Buiten de eigen regio', municipality: w.emmenName })]), { 'content-type': 'text/csv' })).json<Report>();
    expect(report).toMatchObject({ added: 0, refused: 1 });
  });
});
