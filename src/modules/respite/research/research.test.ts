import { describe, expect, it } from 'vitest';
import { addPartner, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';
import { suggestThemes } from './codes.js';
import { strainScore } from './strain-index.js';

const t = await startRespiteApp();
let counter = 0;

async function world() {
  const w = await createRespiteWorld(t);
  for (const municipality of ['Assen', 'Midden-Drenthe']) {
    await t.db.insertInto('respite_intake').values({ alliance_id: w.allianceId, municipality, route: 'wmo', organisation_id: w.homeOrg, email: 'wmo@home.example', phone: '14 0592' }).execute();
  }
  return { ...w, research: await addPartner(t, w, 'knowledge_institute', 'research'), insurer: await addPartner(t, w, 'insurer', 'insurer') };
}

const yes = (n: number) => Array.from({ length: 13 }, (_, i) => i < n);
const answerAs = (allianceId: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${allianceId}/questionnaire`, remoteAddress: `198.51.100.${(++counter % 250) + 1}`, payload: body });
const caregiver = (overrides: Record<string, unknown> = {}) => ({ respondent: 'caregiver', municipality: 'Assen', strainItems: yes(8), usedRespite: false, nonUseReasons: ['guilt', 'not_known'], wishes: ['same_place'], freeText: '', ...overrides });

describe('the Caregiver Strain Index', () => {
  it('counts the yes answers and calls 7 or more high strain (Robinson 1983)', () => {
    expect(strainScore(yes(6))).toEqual({ score: 6, high: false });
    expect(strainScore(yes(7))).toEqual({ score: 7, high: true });
    expect(() => strainScore(yes(3).slice(0, 12))).toThrow(RangeError);
  });

  it('suggests themes from Dutch keywords', () => {
    expect(suggestThemes('Ik voel me schuldig, alsof ik mijn man dump. En ik wist niet dat het bestond.')).toEqual(expect.arrayContaining(['guilt', 'unknown_offer']));
    expect(suggestThemes('Alles prima geregeld')).toEqual([]);
  });
});

describe('the pilot questionnaires', () => {
  it('stores a caregiver\'s answer anonymously and returns the strain score with its source', async () => {
    const w = await world();
    const response = await answerAs(w.allianceId, caregiver());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ strain: { score: 8, high: true, source: 'Caregiver Strain Index (Robinson 1983)', highFrom: 7 } });
    const row = await t.db.selectFrom('respite_questionnaire').selectAll().where('alliance_id', '=', w.allianceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ respondent: 'caregiver', municipality: 'Assen', strain_score: 8, non_use_reasons: ['guilt', 'not_known'] });
  });

  it('refuses bad answers: strain items from a non-caregiver, too few items, an unknown reason, a municipality not served', async () => {
    const w = await world();
    expect((await answerAs(w.allianceId, caregiver({ respondent: 'professional' }))).statusCode).toBe(400);
    expect((await answerAs(w.allianceId, caregiver({ strainItems: yes(13).slice(0, 12) }))).statusCode).toBe(400);
    expect((await answerAs(w.allianceId, caregiver({ strainItems: undefined }))).statusCode).toBe(400);
    expect((await answerAs(w.allianceId, caregiver({ nonUseReasons: ['too_expensive_maybe'] }))).statusCode).toBe(400);
    expect((await answerAs(w.allianceId, caregiver({ nonUseReasons: ['guilt', 'guilt'] }))).statusCode).toBe(400);
    expect((await answerAs(w.allianceId, caregiver({ municipality: 'Emmen' }))).statusCode).toBe(400);
    expect((await answerAs('00000000-0000-4000-8000-000000000000', caregiver())).statusCode).toBe(404);
    expect(await t.db.selectFrom('respite_questionnaire').select('id').where('alliance_id', '=', w.allianceId).execute()).toEqual([]);
  });

  it('lets a research partner code free text into themes after keyword suggestions; others cannot', async () => {
    const w = await world();
    await answerAs(w.allianceId, { respondent: 'older_person', municipality: 'Assen', usedRespite: false, nonUseReasons: ['unfamiliar_place'], freeText: 'Een vreemde plek met te weinig personeel, daar wil ik niet heen.' });
    const list = await w.research.session.get('/api/respite/research/free-texts');
    expect(list.statusCode).toBe(200);
    const [item] = list.json<{ id: string; suggestedThemes: string[]; themes: string[] }[]>();
    expect(item?.suggestedThemes).toEqual(expect.arrayContaining(['unfamiliar_place', 'staffing']));
    expect(item?.themes).toEqual([]);
    expect((await w.insurer.session.get('/api/respite/research/free-texts')).statusCode).toBe(404);
    expect((await w.insurer.session.put(`/api/respite/research/answers/${item?.id}/themes`, { themes: ['staffing'] })).statusCode).toBe(404);
    expect((await w.research.session.put(`/api/respite/research/answers/${item?.id}/themes`, { themes: ['no_such_theme'] })).statusCode).toBe(400);
    expect((await w.research.session.put(`/api/respite/research/answers/${item?.id}/themes`, { themes: ['staffing', 'unfamiliar_place'] })).statusCode).toBe(204);
    expect((await w.research.session.get('/api/respite/research/free-texts')).json()).toEqual([]);
    expect((await w.research.session.get('/api/respite/research/free-texts?coded=yes')).json()).toEqual([expect.objectContaining({ themes: ['staffing', 'unfamiliar_place'] })]);
  });

  it('shows results per municipality and hides groups below the alliance\'s minimum', async () => {
    const w = await world();
    for (let i = 0; i < 5; i++) await answerAs(w.allianceId, caregiver({ strainItems: yes(i < 3 ? 9 : 4) }));
    await answerAs(w.allianceId, caregiver({ municipality: 'Midden-Drenthe' }));
    const results = await w.insurer.session.get('/api/respite/research/results');
    expect(results.statusCode).toBe(200);
    const body = results.json<{ minGroupSize: number; municipalities: { municipality: string; responses: { caregiver: number | null }; meanStrainScore: number | null; highStrain: number | null; nonUseReasons: { code: string; n: number | null }[] }[] }>();
    expect(body.minGroupSize).toBe(5);
    const assen = body.municipalities.find((m) => m.municipality === 'Assen');
    expect(assen).toMatchObject({ responses: { caregiver: 5 }, meanStrainScore: 7, highStrain: null });
    expect(assen?.nonUseReasons.find((r) => r.code === 'guilt')?.n).toBe(5);
    expect(assen?.nonUseReasons.find((r) => r.code === 'cost')?.n).toBe(0);
    // One caregiver in Midden-Drenthe: nothing about them shows.
    expect(body.municipalities.find((m) => m.municipality === 'Midden-Drenthe')).toMatchObject({ responses: { caregiver: null }, meanStrainScore: null, highStrain: null });
    await t.db.insertInto('respite_settings').values({ alliance_id: w.allianceId, min_group_size: 3 }).execute();
    const lower = (await w.insurer.session.get('/api/respite/research/results?municipality=Assen')).json<typeof body>();
    expect(lower.municipalities).toEqual([expect.objectContaining({ municipality: 'Assen', highStrain: 3 })]);
    expect((await w.outsider.get('/api/respite/research/results')).statusCode).toBe(200);
  });
});
