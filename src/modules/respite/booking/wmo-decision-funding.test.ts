import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addClient, addLocation, addPartner, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';

const t = await startRespiteApp();

interface Refusal { error: { code: string; message: string; details: { nightsRemaining: number | null; nightsNeeded: number; validForDates: boolean } } }

/**
 * Assen's Wmo intake is the municipality; the caregiver support intake is the person's care provider, which
 * books. The municipality decides on its resident's request; the stay that answers it is funded by that decision.
 */
async function world(decision: Record<string, unknown> | undefined) {
  const w = await createRespiteWorld(t);
  const municipality = await addPartner(t, w, 'municipality', 'wmo');
  await t.db.insertInto('respite_intake').values([
    { alliance_id: w.allianceId, municipality: 'Assen', route: 'wmo', organisation_id: municipality.organisationId, email: 'wmo@assen.example', phone: '14 0592' },
    { alliance_id: w.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: w.homeOrg, email: 'mantelzorg@thuiszorg.example', phone: '0592 39 47 00' },
  ]).execute();
  const gp = await addPartner(t, w, 'gp_post', 'gp');
  const referred = await gp.session.post('/api/respite/referrals', {
    municipality: 'Assen', from: '2031-03-07', to: '2031-03-09', forWhom: 'Haar man', caregiverName: 'Ans de Vries', caregiverEmail: 'ans@example.nl',
  });
  expect(referred.statusCode).toBe(201);
  const [request] = (await w.home.get('/api/respite/requests')).json<{ id: string }[]>();
  const requestId = request?.id ?? '';
  if (decision) expect((await municipality.session.post(`/api/respite/requests/${requestId}/wmo-decision`, decision)).statusCode).toBe(204);
  const locationId = await addLocation(w.careHome, { beds: ['1', '2'] });
  const clientId = await addClient(w.home, { familyName: 'Wmo' });
  return { desk: w.home, requestId, locationId, clientId, gp, municipality };
}

const grant = (nightsPerYear: number, validUntil = '2031-12-31') => ({ granted: true, nightsPerYear, validFrom: '2031-01-01', validUntil, reference: 'WMO-2031-17' });

describe('the municipality\'s Wmo decision in the booking', () => {
  it('books Wmo nights against the decision on the request and refuses beyond it, saying how many nights remain', async () => {
    const { desk, requestId, locationId, clientId } = await world(grant(5, '2031-06-30'));
    const stay = (from: string, to: string, extra: Record<string, unknown> = {}) => desk.post('/api/respite/stays', { clientId, locationId, from, to, funding: 'wmo', ...extra });
    expect((await stay('2031-03-07', '2031-03-10', { requestId })).statusCode).toBe(201);
    // The next stay answers no request: the decision reached the person through the stay that answered it.
    const tooMany = await stay('2031-04-04', '2031-04-07');
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json<Refusal>().error).toMatchObject({ code: 'FUNDING_NOT_COVERED', message: 'wmo covers 2 more night(s) in 2031; this stay needs 3', details: { nightsRemaining: 2, nightsNeeded: 3 } });
    expect((await stay('2031-04-04', '2031-04-06')).statusCode).toBe(201);
    expect((await stay('2031-05-02', '2031-05-03')).json<Refusal>().error.details.nightsRemaining).toBe(0);
    const expired = await stay('2031-07-04', '2031-07-05');
    expect(expired.json<Refusal>().error).toMatchObject({ code: 'FUNDING_NOT_COVERED', details: { validForDates: false } });
    expect(expired.json<Refusal>().error.message).toContain('not valid for these dates');
  });

  it('shows the decision on the request the intake answers in the funding check before any stay answered it, to that intake only', async () => {
    const { desk, requestId, locationId, clientId, gp, municipality } = await world(grant(5, '2031-06-30'));
    interface Check { schemes: { scheme: string; onFile: boolean; validForDates: boolean; nightsRemaining: number | null; covers: boolean; text: string }[] }
    const check = async (from: string, to: string, request?: string) => {
      const response = await desk.get(`/api/respite/clients/${clientId}/funding-check?from=${from}&to=${to}${request ? `&requestId=${request}` : ''}`);
      return { status: response.statusCode, wmo: response.statusCode === 200 ? response.json<Check>().schemes.find((s) => s.scheme === 'wmo') : undefined };
    };
    expect((await check('2031-03-07', '2031-03-09', requestId)).wmo).toMatchObject({ onFile: true, validForDates: true, nightsRemaining: 5, covers: true });
    expect((await check('2031-07-04', '2031-07-06', requestId)).wmo).toMatchObject({ onFile: true, validForDates: false, covers: false });
    // Without the request nothing ties the decision to the person yet.
    expect((await check('2031-03-07', '2031-03-09')).wmo).toMatchObject({ onFile: false, covers: false });
    // A request sent to another intake (here the municipality's own) is not the desk's to name.
    await gp.session.post('/api/respite/referrals', { municipality: 'Assen', route: 'wmo', from: '2031-03-07', to: '2031-03-09', forWhom: 'Een ander', caregiverName: 'Piet', caregiverEmail: 'piet@example.nl' });
    const [theirs] = (await municipality.session.get('/api/respite/requests')).json<{ id: string }[]>();
    expect((await municipality.session.post(`/api/respite/requests/${theirs?.id}/wmo-decision`, grant(30))).statusCode).toBe(204);
    expect((await check('2031-03-07', '2031-03-09', theirs?.id)).status).toBe(404);
    expect((await check('2031-03-07', '2031-03-09', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // Once a stay answered the request, the decision is the person's: the check finds it without the request.
    expect((await desk.post('/api/respite/stays', { clientId, locationId, from: '2031-03-07', to: '2031-03-09', funding: 'wmo', requestId })).statusCode).toBe(201);
    expect((await check('2031-04-04', '2031-04-07')).wmo).toMatchObject({ onFile: true, validForDates: true, nightsRemaining: 3, covers: true });
  });

  it('refuses Wmo funding without a decision on file, and after a refusal, which closes the request', async () => {
    const none = await world(undefined);
    const answer = await none.desk.post('/api/respite/stays', { clientId: none.clientId, locationId: none.locationId, from: '2031-03-07', to: '2031-03-09', funding: 'wmo', requestId: none.requestId });
    expect(answer.statusCode).toBe(422);
    expect(answer.json<Refusal>().error.message).toBe('No wmo decision is on file for this person');
    const refused = await world({ granted: false, reference: 'WMO-2031-18', refusalReason: 'Geen Wmo-indicatie voor logeerzorg.' });
    const stay = { clientId: refused.clientId, locationId: refused.locationId, from: '2031-03-07', to: '2031-03-09', funding: 'wmo' };
    expect((await refused.desk.post('/api/respite/stays', { ...stay, requestId: refused.requestId })).statusCode).toBe(404);
    expect((await refused.desk.post('/api/respite/stays', stay)).json<Refusal>().error.code).toBe('FUNDING_NOT_COVERED');
    for (const clientId of [none.clientId, refused.clientId]) expect(await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).execute()).toHaveLength(0);
  });

  it('lets only the municipality the request comes from decide on a request another intake handles', async () => {
    const w = await createRespiteWorld(t);
    const elsewhere = await addPartner(t, w, 'municipality', 'elsewhere');
    await t.db.insertInto('respite_intake').values([
      { alliance_id: w.allianceId, municipality: 'Midden-Drenthe', route: 'wmo', organisation_id: elsewhere.organisationId, email: 'wmo@md.example', phone: '14 0593' },
      { alliance_id: w.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: w.homeOrg, email: 'mantelzorg@thuiszorg.example', phone: '0592 39 47 00' },
    ]).execute();
    const gp = await addPartner(t, w, 'gp_post', 'gp');
    await gp.session.post('/api/respite/referrals', { municipality: 'Assen', from: '2031-03-07', to: '2031-03-09', forWhom: 'Haar man', caregiverName: 'Ans', caregiverEmail: 'ans@example.nl' });
    const [request] = (await w.home.get('/api/respite/requests')).json<{ id: string }[]>();
    expect((await elsewhere.session.post(`/api/respite/requests/${request?.id}/wmo-decision`, grant(5))).statusCode).toBe(404);
  });

  it('refuses a whole all-or-nothing series that crosses the nights granted, and books per occurrence those within them', async () => {
    const { desk, requestId, locationId, clientId } = await world(grant(5));
    const series = { clientId, locationId, rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=4', firstCheckIn: '2031-03-07', nights: 2, funding: 'wmo', requestId };
    const all = await desk.post('/api/respite/series', { ...series, confirmation: 'all_or_nothing' });
    expect(all.statusCode).toBe(422);
    expect(all.json<Refusal>().error).toMatchObject({ code: 'FUNDING_NOT_COVERED', details: { nightsRemaining: 1, nightsNeeded: 2 } });
    expect(all.json<Refusal>().error.message).toContain('2031-03-21');
    expect(await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).execute()).toHaveLength(0);
    const each = await desk.post('/api/respite/series', { ...series, confirmation: 'per_occurrence' });
    expect(each.statusCode).toBe(201);
    const body = each.json<{ booked: { from: string }[]; refused: { from: string; reason: string }[] }>();
    expect(body.booked.map((s) => s.from)).toEqual(['2031-03-07', '2031-03-14']);
    expect(body.refused).toEqual([{ from: '2031-03-21', to: '2031-03-23', reason: 'funding' }, { from: '2031-03-28', to: '2031-03-30', reason: 'funding' }]);
  });

  it('counts a series\' nights per calendar year: the new year starts with the full grant', async () => {
    const { desk, requestId, locationId, clientId } = await world({ ...grant(4, '2032-12-31') });
    const each = await desk.post('/api/respite/series', { clientId, locationId, rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=4', firstCheckIn: '2031-12-12', nights: 2, funding: 'wmo', requestId, confirmation: 'per_occurrence' });
    expect(each.statusCode).toBe(201);
    const body = each.json<{ booked: { from: string }[]; refused: { from: string; reason: string }[] }>();
    expect(body.booked.map((s) => s.from)).toEqual(['2031-12-12', '2031-12-19', '2032-01-02']);
    expect(body.refused).toEqual([{ from: '2031-12-26', to: '2031-12-28', reason: 'funding' }]);
  });

  it('re-checks Wmo funding when a stay\'s dates change: beyond the nights left is refused and the stay stays as it was', async () => {
    const { desk, requestId, locationId, clientId } = await world(grant(5));
    const booked = await desk.post('/api/respite/stays', { clientId, locationId, from: '2031-03-07', to: '2031-03-09', funding: 'wmo', requestId });
    expect(booked.statusCode).toBe(201);
    const id = booked.json<{ id: string }>().id;
    expect((await desk.post('/api/respite/stays', { clientId, locationId, from: '2031-04-04', to: '2031-04-06', funding: 'wmo' })).statusCode).toBe(201);
    // 5 granted, 2 on the other stay: this stay may have 3 nights, its own current 2 not counted twice.
    const tooLong = await desk.patch(`/api/respite/stays/${id}`, { from: '2031-03-07', to: '2031-03-11' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json<Refusal>().error).toMatchObject({ code: 'FUNDING_NOT_COVERED', message: 'wmo covers 3 more night(s) in 2031; this stay needs 4', details: { nightsRemaining: 3, nightsNeeded: 4 } });
    const row = await t.db.selectFrom('respite_booking').select([sql<string>`lower(nights)::text`.as('from'), sql<string>`upper(nights)::text`.as('to')]).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ from: '2031-03-07', to: '2031-03-09' });
    const within = await desk.patch(`/api/respite/stays/${id}`, { from: '2031-03-07', to: '2031-03-10' });
    expect(within.statusCode).toBe(200);
    expect(within.json()).toMatchObject({ id, from: '2031-03-07', to: '2031-03-10' });
  });

  it('refuses moving a Wmo stay to dates the decision is not valid for', async () => {
    const { desk, requestId, locationId, clientId } = await world(grant(10, '2031-06-30'));
    const booked = await desk.post('/api/respite/stays', { clientId, locationId, from: '2031-03-07', to: '2031-03-09', funding: 'wmo', requestId });
    const moved = await desk.patch(`/api/respite/stays/${booked.json<{ id: string }>().id}`, { from: '2031-07-04', to: '2031-07-06' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json<Refusal>().error).toMatchObject({ code: 'FUNDING_NOT_COVERED', details: { validForDates: false } });
  });
});
