import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../alliance/index.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { SETUP } from '../../../../test/support/world.js';
import { addInitiativeDirectly } from '../seeding.js';
import { initiativeInput } from '../schemas.js';

const t: TestApp = await startTestApp({ networkMap: { verifySweep: false } });

const persona = (over: Record<string, unknown> = {}) => ({
  kind: 'persona', title: 'Gerrit, 74, COPD', summary: 'Gerrit woont alleen in Coevorden.', themes: ['palliative_care'],
  persona: { situation: 'Gerrit is vaak benauwd en durft de deur niet meer uit.', needs: ['Iemand die langskomt', ''], helps: ['De buurvrouw'], quotes: ['Ik wil thuis blijven.'] },
  madeBy: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', conversations: 2, madeOn: '2025-10-01', licence: 'CC BY 4.0', fictional: true, ...over,
});
const pdf = (text = 'gids') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');
type Field = { path: string; code: string };
const fieldsOf = (body: string) => (JSON.parse(body) as { error: { fields?: Field[] } }).error.fields?.map((f) => `${f.path.replace(/^body\./, '')}:${f.code}`) ?? [];
interface Own { id: string; title: string; withdrawnAt: string | null; initiatives: { title: string }[]; file: { name: string } | null; url: string | null }

describe('editing and withdrawing resources', () => {
  it('lets the publisher edit a persona and its links, then withdraw it from the public pages', async () => {
    const w = await createNetworkWorld(t);
    const first = await addInitiativeDirectly(t.db, initiativeInput.parse(callFor(w.emmen, { title: 'Longpunt Emmen' })));
    const second = await addInitiativeDirectly(t.db, initiativeInput.parse(callFor(w.coevorden, { title: 'Ademcafé Coevorden' })));
    const id = (await w.coordinator.post('/api/networkmap/resources', persona({ initiativeIds: [first] }))).json<{ id: string }>().id;
    const edited = await w.coordinator.put(`/api/networkmap/resources/${id}`, persona({ title: 'Gerrit, 75, COPD', initiativeIds: [second] }));
    expect(edited.statusCode, edited.body).toBe(204);
    const read = (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}` })).json<{ title: string; initiatives: { title: string }[]; persona: { needs: string[] } }>();
    expect(read).toMatchObject({ title: 'Gerrit, 75, COPD', initiatives: [{ title: 'Ademcafé Coevorden' }], persona: { needs: ['Iemand die langskomt'] } });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources?initiativeId=${first}` })).json<unknown[]>()).toEqual([]);

    expect((await w.coordinator.post(`/api/networkmap/resources/${id}/withdraw`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources?initiativeId=${second}` })).json<unknown[]>()).toEqual([]);
    const own = (await w.coordinator.get('/api/networkmap/resources/own')).json<Own[]>();
    expect(own.map((r) => [r.title, r.withdrawnAt !== null])).toEqual([['Gerrit, 75, COPD', true]]);
    expect((await w.coordinator.put(`/api/networkmap/resources/${id}`, persona())).statusCode).toBe(400);
    expect((await w.coordinator.post(`/api/networkmap/resources/${id}/withdraw`)).statusCode).toBe(400);
  });

  it('refuses edits and withdrawals by another network, a welfare worker, a stranger, and for an unknown resource', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    const id = (await w.coordinator.post('/api/networkmap/resources', persona())).json<{ id: string }>().id;
    expect((await other.coordinator.put(`/api/networkmap/resources/${id}`, persona({ title: 'Overgenomen' }))).statusCode).toBe(403);
    expect((await other.coordinator.post(`/api/networkmap/resources/${id}/withdraw`)).statusCode).toBe(403);
    expect((await other.coordinator.get('/api/networkmap/resources/own')).json<unknown[]>()).toEqual([]);
    const welfareId = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Welzijn De Brug', kind: 'welfare' });
    const welfare = await w.session(welfareId, ['coordinator'], 'welzijn-res');
    expect((await welfare.put(`/api/networkmap/resources/${id}`, persona({ title: 'Overgenomen' }))).statusCode).toBe(403);
    expect((await welfare.get('/api/networkmap/resources/own')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/networkmap/resources/${id}/withdraw` })).statusCode).toBe(401);
    expect((await w.coordinator.put('/api/networkmap/resources/00000000-0000-4000-8000-000000000000', persona())).statusCode).toBe(404);
    const row = await t.db.selectFrom('network_resource').select(['title', 'withdrawn_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Gerrit, 74, COPD', withdrawn_at: null });
  });

  it('names each field a persona, film or document lacks or gets wrong', async () => {
    const w = await createNetworkWorld(t);
    const post = (body: object) => w.coordinator.post('/api/networkmap/resources', body);
    const zero = await post(persona({ conversations: 0 }));
    expect(zero.statusCode).toBe(400);
    expect(fieldsOf(zero.body)).toContain('conversations:too_small');
    const bare = await post({ kind: 'persona', title: 'Zonder herkomst', persona: persona().persona });
    expect(fieldsOf(bare.body).sort()).toEqual(['conversations:required', 'licence:required', 'madeBy:required', 'madeOn:required']);
    const future = await post(persona({ madeOn: '2999-01-01' }));
    expect(fieldsOf(future.body)).toEqual(['madeOn:future']);
    expect(fieldsOf((await post(persona({ persona: { ...persona().persona, needs: [' '] } }))).body)).toEqual(['persona.needs:too_small']);
    expect(fieldsOf((await post({ kind: 'film', title: 'Film over http', url: 'http://video.example.nl/film' })).body)).toEqual(['url:invalid_format']);
    expect(fieldsOf((await post({ kind: 'film', title: 'Film met wachtwoord', url: 'https://jan:geheim@video.example.nl/film' })).body)).toEqual(['url:credentials']);
    expect(fieldsOf((await post({ kind: 'film', title: 'Film zonder adres' })).body)).toEqual(['url:required']);
    expect(fieldsOf((await post({ kind: 'document', title: 'Beide', url: 'https://example.nl/a.pdf', file: { fileName: 'a.pdf', contentBase64: pdf() } })).body)).toEqual(['url:link_or_file']);
    expect(fieldsOf((await post({ kind: 'document', title: 'Geen van beide' })).body)).toEqual(['url:link_or_file']);
    expect(fieldsOf((await post({ kind: 'film', title: 'Film met bestand', url: 'https://video.example.nl/f', file: { fileName: 'a.pdf', contentBase64: pdf() } })).body)).toEqual(['file:not_allowed']);
    expect(await t.db.selectFrom('network_resource').select('id').where('organisation_id', '=', w.networkId).execute()).toEqual([]);
  });

  it('takes an uploaded PDF as a document, serves it as an attachment while public, and refuses other types and oversize files', async () => {
    const w = await createNetworkWorld(t);
    const created = await w.coordinator.post('/api/networkmap/resources', { kind: 'document', title: 'Handreiking gemeenten', file: { fileName: 'C:\\stukken\\hand"reiking.pdf', contentBase64: pdf('handreiking') } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const file = await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}/document` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="hand_reiking.pdf"/);
    expect(file.rawPayload.toString()).toContain('% handreiking');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}` })).json<{ file: { name: string } }>().file.name).toBe('hand_reiking.pdf');

    const kept = await w.coordinator.put(`/api/networkmap/resources/${id}`, { kind: 'document', title: 'Handreiking voor gemeenten' });
    expect(kept.statusCode, kept.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}/document` })).statusCode).toBe(200);
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    expect(fieldsOf((await w.coordinator.post('/api/networkmap/resources', { kind: 'document', title: 'Geen pdf', file: { fileName: 'x.pdf', contentBase64: html } })).body)).toEqual(['file:file_type']);
    // One byte over 5 MB: the base64 passes the edge's rough cap, the bytes' own check refuses it.
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 - 8)]).toString('base64');
    expect(fieldsOf((await w.coordinator.post('/api/networkmap/resources', { kind: 'document', title: 'Te groot', file: { fileName: 'groot.pdf', contentBase64: big } })).body)).toEqual(['file:too_big']);

    await w.coordinator.put(`/api/networkmap/resources/${id}`, { kind: 'document', title: 'Handreiking (link)', url: 'https://example.nl/handreiking.pdf' });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}/document` })).statusCode).toBe(404);
    await w.coordinator.put(`/api/networkmap/resources/${id}`, { kind: 'document', title: 'Handreiking (bestand)', file: { fileName: 'nieuw.pdf', contentBase64: pdf('nieuw') } });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}/document` })).rawPayload.toString()).toContain('% nieuw');
    await w.coordinator.post(`/api/networkmap/resources/${id}/withdraw`);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}/document` })).statusCode).toBe(404);
  });
});
