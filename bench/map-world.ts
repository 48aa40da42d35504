/**
 * The benchmark world of `npm run bench:map` and `bench:map-plans`: accepted initiatives over Drenthe's
 * 12 municipalities in three networks (generated Dutch titles and summaries, themes, stages,
 * coordinates around the towns), and the filters and boxes the timed queries ask for.
 */
import { sql } from 'kysely';
import { createAlliance, createOrganisation } from '../src/modules/alliance/index.js';
import { addNetworkRegion, type SearchFilters } from '../src/modules/networkmap/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';
import type { Db } from '../src/platform/db/index.js';
import { seededRandom } from '../src/seed/demo-data.js';
import { networks } from '../src/seed/networkmap-regions.js';

const random = seededRandom(14);
export const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
export { random };

// Words the generated texts are made of; searches use the same words, as people would.
export const ACTIVITIES = ['Gespreksavonden', 'Wandelgroep', 'Mantelzorgcafé', 'Maatjesproject', 'Rouwcafé', 'Spreekuur', 'Huisbezoeken', 'Scholing', 'Inloophuis', 'Buurtnetwerk', 'Vrijwilligerspool', 'Informatiemarkt'];
export const SUBJECTS = ['levenseinde', 'zingeving', 'eenzaamheid', 'dementie', 'rouw', 'mantelzorg', 'afscheid', 'laatste levensfase', 'palliatieve zorg', 'verlies'];
export const AUDIENCES = ['ouderen', 'mantelzorgers', 'nabestaanden', 'vrijwilligers', 'huisartsen', 'wijkteams', 'inwoners', 'kerken'];
export const THEMES = ['palliative_care', 'spiritual_care', 'informal_care', 'loneliness', 'dementia', 'grief', 'end_of_life_talks', 'volunteers'] as const;
export const STAGES = ['idea', 'starting', 'running', 'stopped'] as const;
export const QUERY_WORDS = ['rouw', 'mantelzorgers', 'zingeving', 'wandelgroep', 'eenzaamheid ouderen', 'dementie', 'spreekuur huisartsen', 'afscheid', 'vrijwilligers', 'inloophuis'];

export async function buildWorld(db: Db, initiatives: number) {
  const actor = bootstrapActor('benchmark');
  const allianceId = await createAlliance(db, actor, { name: 'Bench network map', region: 'Drenthe' });
  const municipalities: { id: string; latitude: number; longitude: number; networkId: string }[] = [];
  for (const n of networks) {
    const networkId = await createOrganisation(db, actor, { allianceId, name: n.name, kind: 'palliative_care_network' });
    const ids = await addNetworkRegion(db, { allianceId, networkId, municipalities: n.municipalities });
    for (const m of n.municipalities) municipalities.push({ id: ids.get(m.name) ?? '', latitude: m.latitude, longitude: m.longitude, networkId });
  }
  const rows: string[] = [];
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (let i = 0; i < initiatives; i++) {
    const m = pick(municipalities);
    const title = `${pick(ACTIVITIES)} over ${pick(SUBJECTS)} voor ${pick(AUDIENCES)} ${i}`;
    const summary = `Gemeente en netwerk organiseren samen met welzijn ${pick(ACTIVITIES).toLowerCase()} rond ${pick(SUBJECTS)} voor ${pick(AUDIENCES)}.`;
    const themes = THEMES.filter(() => random() < 0.25);
    rows.push(
      `(${q(allianceId)},${q(m.networkId)},${q(m.id)},${q(title)},${q(summary)},'Plaats','Gemeente, Netwerk Palliatieve Zorg, Welzijn',ARRAY[${themes.map(q).join(',')}]::text[],${q(pick(STAGES))},` +
        `${(m.latitude + (random() - 0.5) * 0.12).toFixed(5)},${(m.longitude + (random() - 0.5) * 0.18).toFixed(5)},'accepted','staff',now() - interval '${Math.floor(random() * 1000)} hours',true)`,
    );
  }
  for (let i = 0; i < rows.length; i += 5000) {
    await sql
      .raw(`INSERT INTO initiative (alliance_id, network_id, municipality_id, title, summary, place, partner_names, themes, stage, latitude, longitude, status, source, accepted_at, fictional) VALUES ${rows.slice(i, i + 5000).join(',')}`)
      .execute(db);
  }
  // As autovacuum leaves a table in steady state: statistics and the visibility map.
  await sql`VACUUM ANALYZE`.execute(db);
  return { municipalities };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

export function randomFilters(world: World, withText: boolean): SearchFilters {
  const roll = random();
  return {
    ...(withText ? { q: pick(QUERY_WORDS) } : {}),
    ...(roll < 0.4 ? { municipalityId: pick(world.municipalities).id } : {}),
    ...(roll > 0.3 && roll < 0.7 ? { theme: pick(THEMES) } : {}),
    ...(roll > 0.8 ? { stage: pick(STAGES) } : {}),
  };
}

export const DRENTHE = { west: 6.0, south: 52.55, east: 7.2, north: 53.25 };
export const around = (m: { latitude: number; longitude: number }, half: number) => ({ west: m.longitude - half * 1.6, south: m.latitude - half, east: m.longitude + half * 1.6, north: m.latitude + half });

