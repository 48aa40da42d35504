import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../test/support/networkmap-world.js';
import { CANDIDATE_SCORE, findCandidates } from './duplicates.js';
import { addInitiativeDirectly } from './seeding.js';
import type { InitiativeInput } from './schemas.js';

const t = await startTestApp();

const known = (municipalityId: string, title: string, partners: string[], place: string) =>
  addInitiativeDirectly(t.db, { ...(callFor(municipalityId, { title, place, partners: partners.map((name) => ({ name, kind: 'other' })) }) as InitiativeInput) });

describe('duplicate detection', () => {
  it('finds each near-duplicate of a known initiative and none of the different ones', async () => {
    const w = await createNetworkWorld(t);
    const talks = await known(w.emmen, 'Samen in gesprek over het levenseinde', ['Gemeente Emmen', 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', 'Sedna Welzijn'], 'Emmen');
    const cafe = await known(w.coevorden, 'Mantelzorgcafé palliatieve zorg', ['Gemeente Coevorden', 'Welzijnswerk Coevorden'], 'Dalen');
    await known(w.emmen, 'Rouwwandelingen in het bos', ['Gemeente Emmen', 'Sedna Welzijn'], 'Emmen');
    const probe = (municipalityId: string, title: string, partnerNames: string, place: string) => findCandidates(t.db, { title, partnerNames, place, municipalityId });
    const nearDuplicates: [Promise<{ id: string }[]>, string][] = [
      [probe(w.emmen, 'Samen in gesprek over levenseinde', 'Gemeente Emmen, Sedna Welzijn', 'Emmen'), talks],
      [probe(w.emmen, 'In gesprek over het levenseinde', 'Sedna welzijn, Netwerk Palliatieve Zorg Zuidoost-Drenthe', ''), talks],
      [probe(w.emmen, 'samen in gesprek over het levens einde!', '', 'Emmen'), talks],
      [probe(w.coevorden, 'Mantelzorg café palliatieve zorg', 'Welzijnswerk Coevorden', 'Dalen'), cafe],
      [probe(w.coevorden, 'Mantelzorgcafe Palliatieve Zorg Dalen', 'Gemeente Coevorden', ''), cafe],
    ];
    for (const [found, expected] of nearDuplicates) expect((await found)[0]?.id).toBe(expected);
    const different = [
      probe(w.emmen, 'Maatjesproject tegen eenzaamheid', 'Humanitas', 'Emmen'),
      probe(w.coevorden, 'Zingevingsspreekuur bij de huisarts', 'Centrum voor Zingeving', 'Coevorden'),
      probe(w.coevorden, 'Scholing dementie voor wijkteams', 'Alzheimer Nederland', 'Schoonebeek'),
    ];
    for (const found of different) expect(await found).toEqual([]);
    const scored = await probe(w.emmen, 'Samen in gesprek over het levenseinde', 'Gemeente Emmen, Netwerk Palliatieve Zorg Zuidoost-Drenthe, Sedna Welzijn', 'Emmen');
    expect(scored[0]?.score).toBeGreaterThan(0.95);
    expect(scored.every((c) => c.score >= CANDIDATE_SCORE)).toBe(true);
  });

  it('asks a public call whether it is already known, with the candidates, until the submitter says it is new', async () => {
    const w = await createNetworkWorld(t);
    const talks = await known(w.emmen, 'Gespreksavonden laatste levensfase Emmen-Noord', ['Gemeente Emmen', 'Sedna Welzijn'], 'Emmen');
    const payload = callFor(w.emmen, { title: 'Gespreksavonden over de laatste levensfase in Emmen-Noord', contactEmail: 'dup@example.nl' });
    const check = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/duplicates', payload: { title: payload.title, partners: payload.partners, place: payload.place, municipalityId: w.emmen } });
    expect(check.json<{ candidates: { id: string }[] }>().candidates[0]?.id).toBe(talks);
    const asked = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls', payload, remoteAddress: '203.0.113.9' });
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ error: { code: 'POSSIBLE_DUPLICATE', details: { candidates: expect.arrayContaining([expect.objectContaining({ id: talks, title: 'Gespreksavonden laatste levensfase Emmen-Noord' })]) as unknown } } });
    expect(await t.db.selectFrom('initiative').select('id').where('contact_email', '=', 'dup@example.nl').execute()).toEqual([]);
    const insisted = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls', payload: { ...payload, notADuplicate: true }, remoteAddress: '203.0.113.9' });
    expect(insisted.statusCode).toBe(202);
  });
});
