import { describe, expect, it } from 'vitest';
import { addClient, addLocation, addPartner, createRespiteWorld, needs, startRespiteApp } from '../../../../test/support/respite-world.js';

const t = await startRespiteApp();

/** Assen's Wmo intake is the municipality, its caregiver support the welfare organisation; the GP practice refers. */
async function world() {
  const w = await createRespiteWorld(t);
  const municipality = await addPartner(t, w, 'municipality', 'wmo');
  const welfare = await addPartner(t, w, 'welfare', 'welfare');
  await t.db.insertInto('respite_intake').values([
    { alliance_id: w.allianceId, municipality: 'Assen', route: 'wmo', organisation_id: municipality.organisationId, email: 'wmo@assen.example', phone: '14 0592' },
    { alliance_id: w.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: welfare.organisationId, email: 'mantelzorg@welzijn.example', phone: '0592 39 47 00' },
  ]).execute();
  return {
    ...w, municipality, welfare,
    gp: await addPartner(t, w, 'gp_post', 'gp'), insurer: await addPartner(t, w, 'insurer', 'insurer'), elders: await addPartner(t, w, 'older_persons_organisation', 'elders'),
  };
}

const referral = (overrides: Record<string, unknown> = {}) => ({
  municipality: 'Assen', from: '2031-03-07', to: '2031-03-09', forWhom: 'Haar man (dementie)', needs: 'Loopt met rollator', caregiverName: 'Ans de Vries', caregiverEmail: 'ans@example.nl', strainScore: 9, ...overrides,
});

describe('the respite partners\' roles', () => {
  it('lets the GP practice refer an overburdened caregiver: welfare receives it as an intake request the caregiver owns', async () => {
    const w = await world();
    const response = await w.gp.session.post('/api/respite/referrals', referral());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ intake: { name: 'welfare organisation' } });
    const incoming = (await w.welfare.session.get('/api/respite/requests')).json<{ forWhom: string; referredBy: string; strainScore: number; contactEmail: string }[]>();
    expect(incoming).toEqual([expect.objectContaining({ forWhom: 'Haar man (dementie)', referredBy: 'gp organisation', strainScore: 9, contactEmail: 'ans@example.nl' })]);
    expect(t.mail.map((m) => [m.to, m.template])).toEqual(expect.arrayContaining([['ans@example.nl', 'request_received'], ['mantelzorg@welzijn.example', 'request_for_intake']]));
    const row = await t.db.selectFrom('respite_request').select(['citizen_id', 'referred_by_organisation_id']).where('alliance_id', '=', w.allianceId).executeTakeFirstOrThrow();
    expect(row.citizen_id).toEqual(expect.any(String));
    expect(row.referred_by_organisation_id).toBe(w.gp.organisationId);
    // The referrer reads nothing back.
    expect((await w.gp.session.get('/api/respite/requests')).statusCode).toBe(404);
  });

  it('refuses bad referrals and referrals from partners that do not refer', async () => {
    const w = await world();
    expect((await w.gp.session.post('/api/respite/referrals', referral({ strainScore: 14 }))).statusCode).toBe(400);
    expect((await w.gp.session.post('/api/respite/referrals', referral({ strainScore: -1 }))).statusCode).toBe(400);
    expect((await w.gp.session.post('/api/respite/referrals', referral({ to: '2031-03-07' }))).statusCode).toBe(400);
    expect((await w.gp.session.post('/api/respite/referrals', referral({ municipality: 'Emmen' }))).statusCode).toBe(400);
    expect((await w.insurer.session.post('/api/respite/referrals', referral())).statusCode).toBe(404);
    expect((await w.careHome.post('/api/respite/referrals', referral())).statusCode).toBe(404);
  });

  it('lets only the municipality decide on Wmo funding for a request it took in; a refusal closes it as no funding', async () => {
    const w = await world();
    await w.gp.session.post('/api/respite/referrals', referral({ route: 'wmo' }));
    await w.gp.session.post('/api/respite/referrals', referral({ route: 'wmo', forWhom: 'Mijn moeder' }));
    const [second, first] = (await w.municipality.session.get('/api/respite/requests')).json<{ id: string }[]>();
    const grant = { granted: true, nightsPerYear: 24, validFrom: '2031-01-01', validUntil: '2031-12-31', reference: 'WMO-2031-17' };
    expect((await w.welfare.session.post(`/api/respite/requests/${first?.id}/wmo-decision`, grant)).statusCode).toBe(404);
    expect((await w.municipality.session.post(`/api/respite/requests/${first?.id}/wmo-decision`, { granted: true })).statusCode).toBe(400);
    expect((await w.municipality.session.post(`/api/respite/requests/${first?.id}/wmo-decision`, { ...grant, nightsPerYear: 400 })).statusCode).toBe(400);
    expect((await w.municipality.session.post(`/api/respite/requests/${first?.id}/wmo-decision`, grant)).statusCode).toBe(204);
    expect((await w.municipality.session.post(`/api/respite/requests/${first?.id}/wmo-decision`, grant)).statusCode).toBe(409);
    expect((await w.municipality.session.post(`/api/respite/requests/${second?.id}/wmo-decision`, { granted: false, reference: 'WMO-2031-18', refusalReason: 'Er is al dagbesteding' })).statusCode).toBe(204);
    const after = (await w.municipality.session.get('/api/respite/requests')).json<{ id: string; status: string; outcome: string | null; wmoDecision: unknown }[]>();
    expect(after.find((r) => r.id === first?.id)).toMatchObject({ status: 'new', wmoDecision: { granted: true, nightsPerYear: 24, validFrom: '2031-01-01', validUntil: '2031-12-31' } });
    expect(after.find((r) => r.id === second?.id)).toMatchObject({ status: 'closed', outcome: 'no_funding', wmoDecision: { granted: false } });
  });

  it('keeps a refusal\'s reason apart from its reference: required on a refusal, refused on a grant, shown at the desk', async () => {
    const w = await world();
    for (const forWhom of ['Mijn vader', 'Mijn moeder']) await w.gp.session.post('/api/respite/referrals', referral({ route: 'wmo', forWhom }));
    const [refusedRequest, grantedRequest] = (await w.municipality.session.get('/api/respite/requests')).json<{ id: string }[]>();
    const decide = (id: string | undefined, body: Record<string, unknown>) => w.municipality.session.post(`/api/respite/requests/${id}/wmo-decision`, body);
    const fieldsOf = async (body: Record<string, unknown>) => (await decide(refusedRequest?.id, body)).json<{ error: { fields: { path: string; code: string }[] } }>().error.fields;
    expect(await fieldsOf({ granted: false, reference: 'WMO-2031-18' })).toEqual([expect.objectContaining({ path: 'body.refusalReason', code: 'required_on_refusal' })]);
    expect(await fieldsOf({ granted: false, refusalReason: '   ' })).toEqual([expect.objectContaining({ path: 'body.refusalReason', code: 'required_on_refusal' })]);
    expect(await fieldsOf({ granted: false, refusalReason: 'x'.repeat(1001) })).toEqual([expect.objectContaining({ path: 'body.refusalReason', code: 'too_big' })]);
    const grant = { granted: true, nightsPerYear: 24, validFrom: '2031-01-01', reference: 'WMO-2031-19' };
    expect((await decide(grantedRequest?.id, { ...grant, refusalReason: 'Toch niet' })).json<{ error: { fields: { code: string }[] } }>().error.fields).toEqual([expect.objectContaining({ code: 'not_on_grant' })]);
    const reason = 'Uw man krijgt al zorg uit de Wet langdurige zorg; die betaalt het logeren.\nNeem contact op met het zorgkantoor.';
    expect((await decide(refusedRequest?.id, { granted: false, reference: 'WMO-2031-18', refusalReason: reason })).statusCode).toBe(204);
    expect((await decide(grantedRequest?.id, grant)).statusCode).toBe(204);
    const after = (await w.municipality.session.get('/api/respite/requests')).json<{ id: string; wmoDecision: unknown }[]>();
    expect(after.find((r) => r.id === refusedRequest?.id)?.wmoDecision).toEqual({ granted: false, nightsPerYear: null, validFrom: null, validUntil: null, reference: 'WMO-2031-18', refusalReason: reason });
    expect(after.find((r) => r.id === grantedRequest?.id)?.wmoDecision).toMatchObject({ granted: true, reference: 'WMO-2031-19', refusalReason: null });
    // The database holds the same rule, whatever writes the row.
    const row = await t.db.selectFrom('respite_wmo_decision').selectAll().where('request_id', '=', refusedRequest?.id ?? '').executeTakeFirstOrThrow();
    await t.db.deleteFrom('respite_wmo_decision').where('request_id', '=', row.request_id).execute();
    await expect(t.db.insertInto('respite_wmo_decision').values({ ...row, refusal_reason: null }).execute()).rejects.toMatchObject({ code: '23514', constraint: 'respite_wmo_decision_refusal_reason' });
    await expect(t.db.updateTable('respite_wmo_decision').set({ refusal_reason: 'Toch niet' }).where('request_id', '=', grantedRequest?.id ?? '').execute()).rejects.toMatchObject({ code: '23514' });
  });

  it('gives the insurer and the older people\'s organisation the aggregates and no person\'s data at all', async () => {
    const w = await world();
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home, { givenName: 'Gerrit', familyName: 'Logeer' });
    await w.home.put(`/api/respite/clients/${clientId}/needs`, needs());
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    expect(stay.statusCode).toBe(201);
    await w.gp.session.post('/api/respite/referrals', referral());
    const [request] = (await w.welfare.session.get('/api/respite/requests')).json<{ id: string }[]>();
    for (const partner of [w.insurer, w.elders]) {
      const s = partner.session;
      expect((await s.get('/api/respite/analytics?from=2031-01&to=2031-02')).statusCode).toBe(200);
      expect((await s.get('/api/respite/analytics/occupancy.csv?from=2031-01&to=2031-02')).statusCode).toBe(200);
      expect((await s.get('/api/respite/research/results')).statusCode).toBe(200);
      for (const url of [
        `/api/clients/${clientId}`, `/api/clients/${clientId}/night-summary`, `/api/respite/clients/${clientId}/needs`, `/api/respite/clients/${clientId}/funding-check?from=2031-02-07&to=2031-02-09`,
        '/api/respite/requests', `/api/respite/locations/${locationId}/stays?from=2031-02-01&to=2031-03-01`, `/api/respite/locations/${locationId}/waitlist`, '/api/respite/research/free-texts',
      ]) {
        expect({ url, status: (await s.get(url)).statusCode }).toEqual({ url, status: 404 });
      }
      expect((await s.post(`/api/respite/requests/${request?.id}/close`, { outcome: 'no_room' })).statusCode).toBe(404);
      expect((await s.post(`/api/respite/requests/${request?.id}/wmo-decision`, { granted: false, refusalReason: 'Geen budget' })).statusCode).toBe(404);
      expect((await s.post(`/api/respite/stays/${stay.json<{ id: string }>().id}/cancel`)).statusCode).toBe(404);
      expect((await s.get('/api/clients?q=Logeer')).json<{ items: unknown[] }>().items).toEqual([]);
    }
  });
});
