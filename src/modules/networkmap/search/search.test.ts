import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/support/app.js';
import { createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { COUNT_CAP } from './store.js';

const t = await startTestApp();

interface ListAnswer { total: number; totalCapped: boolean; items: { id: string; title: string; network: string; municipality: string }[] }
const list = async (query: string) => {
  const answer = await t.app.inject({ method: 'GET', url: `/api/public/networkmap/initiatives?${query}` });
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json<ListAnswer>();
};

/** Accepted initiatives in one statement, as an import would add them; accepted one hour apart, the first newest. */
async function addMany(w: Awaited<ReturnType<typeof createNetworkWorld>>, texts: { title: string; summary: string; theme?: string }[]) {
  const now = Date.now();
  await t.db
    .insertInto('initiative')
    .values(texts.map((x, i) => ({
      alliance_id: w.allianceId, network_id: w.networkId, municipality_id: w.emmen, title: x.title, summary: x.summary, stage: 'running' as const, themes: x.theme ? [x.theme] : [],
      status: 'accepted' as const, source: 'import' as const, accepted_at: new Date(now - i * 3_600_000),
    })))
    .execute();
}

describe('the list: Dutch full-text search', () => {
  it('ranks the best match first and the newest first among equals, page after page, as ranking every match would', async () => {
    const w = await createNetworkWorld(t);
    await addMany(w, [
      ...Array.from({ length: 15 }, (_, i) => ({ title: `Buurtkring ${i}`, summary: `Bewoners komen samen; ooit begonnen als zwaluwtil ${i}.` })),
      ...Array.from({ length: 15 }, (_, i) => ({ title: `Zwaluwtil ${i} voor mantelzorgers`, summary: 'Een plek om op adem te komen.' })),
      { title: 'Zwaluwtil zwaluwtil', summary: 'Twee keer zwaluwtil in de titel en zwaluwtil in de tekst.' },
      { title: 'Iets anders', summary: 'Geen treffer hier.' },
    ]);
    const { rows: expected } = await sql<{ id: string }>`
      SELECT id FROM initiative WHERE status = 'accepted' AND network_id = ${w.networkId} AND search @@ websearch_to_tsquery('dutch', 'zwaluwtil')
      ORDER BY ts_rank(search, websearch_to_tsquery('dutch', 'zwaluwtil')) DESC, accepted_at DESC, id`.execute(t.db);
    const pages = await Promise.all([1, 2].map((page) => list(`q=zwaluwtil&networkId=${w.networkId}&perPage=20&page=${page}`)));
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(expected.map((r) => r.id));
    expect(pages[0]?.total).toBe(31);
    const first = pages[0]?.items ?? [];
    expect(first[0]?.title).toBe('Zwaluwtil zwaluwtil');
    // Every title match before every match in the summary only; the newest first among the titles.
    expect(first.slice(1, 16).map((i) => i.title)).toEqual(Array.from({ length: 15 }, (_, i) => `Zwaluwtil ${i} voor mantelzorgers`));
    expect(first[1]).toMatchObject({ municipality: w.emmenName, network: expect.stringContaining('Netwerk Palliatieve Zorg Test') as string });
  });

  it(`says "more than ${COUNT_CAP}" instead of counting every match of a common word, and counts a narrower search exactly`, async () => {
    const w = await createNetworkWorld(t);
    await addMany(w, Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({ title: `Kwartelkoning ${i}`, summary: 'Een veelgebruikt woord.', theme: i < 3 ? 'grief' : 'dementia' })));
    expect(await list(`q=kwartelkoning&networkId=${w.networkId}`)).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(await list(`q=kwartelkoning&networkId=${w.networkId}&theme=grief`)).toMatchObject({ total: 3, totalCapped: false });
    expect(await list(`networkId=${w.networkId}&theme=dementia&page=51&perPage=20`)).toMatchObject({ total: COUNT_CAP, totalCapped: true, items: [{ title: `Kwartelkoning ${COUNT_CAP + 3}` }, { title: `Kwartelkoning ${COUNT_CAP + 4}` }] });
  });
});
