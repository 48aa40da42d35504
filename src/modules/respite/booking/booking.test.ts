import { describe, expect, it } from 'vitest';
import { addClient, addLocation, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';
import { expandSeries } from './series.js';

const t = await startRespiteApp();

describe('respite booking', () => {
  it('gives the last bed to exactly one of 50 parallel bookings (exclusion constraint)', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['only'] });
    const clients = await Promise.all(Array.from({ length: 50 }, (_, i) => addClient(w.home, { familyName: `Parallel${i}` })));
    // A 503 ("busy, try again") is what a loaded two-core machine may answer to 50 requests at once: the caller retries, as a client would.
    const book = async (clientId: string) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
        if (answer.statusCode !== 503 || attempt === 5) return answer;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    };
    const answers = await Promise.all(clients.map(book));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201), codes.join()).toHaveLength(1);
    expect(codes.filter((c) => c === 409), codes.join()).toHaveLength(49);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json<{ error: { code: string } }>().error.code === 'NO_ROOM')).toBe(true);
    const rows = await t.db.selectFrom('respite_booking').select('id').where('location_id', '=', locationId).where('status', 'in', ['requested', 'booked']).execute();
    expect(rows).toHaveLength(1);
  }, 90_000); // 50 bookings that retry a 503 as a client would: slow on a loaded machine, the outcome asserted is the same

  it('refuses a second overlapping booking on the same bed even when written directly to the database', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const clientId = await addClient(w.home);
    const first = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-03-01', to: '2031-03-04', funding: 'private' });
    expect(first.statusCode).toBe(201);
    const bed = first.json<{ bedId: string }>().bedId;
    const location = await t.db.selectFrom('respite_location').select(['alliance_id', 'organisation_id']).where('id', '=', locationId).executeTakeFirstOrThrow();
    await expect(
      t.db.insertInto('respite_booking').values({ alliance_id: location.alliance_id, organisation_id: location.organisation_id, location_id: locationId, bed_id: bed, kind: 'block', nights: '[2031-03-03,2031-03-05)', status: 'booked' }).execute(),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('redirects a request sooner than the minimum lead time to the crisis route with a phone number', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home);
    const tomorrow = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-01-07', to: '2031-01-09', funding: 'private' });
    expect(tomorrow.statusCode).toBe(422);
    expect(tomorrow.json<{ error: { code: string; details: { crisisPhone: string } } }>().error).toMatchObject({ code: 'CRISIS_ROUTE', details: { crisisPhone: expect.any(String) as string } });
    expect(await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).execute()).toHaveLength(0);
  });

  it('changes, cancels and records a no-show; a cancelled stay frees the bed', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const [a, b] = [await addClient(w.home), await addClient(w.home, { familyName: 'Tweede' })];
    const stay = (await w.home.post('/api/respite/stays', { clientId: a, locationId, from: '2031-04-04', to: '2031-04-06', funding: 'private' })).json<{ id: string }>();
    const moved = await w.home.patch(`/api/respite/stays/${stay.id}`, { from: '2031-04-11', to: '2031-04-13' });
    expect(moved.json()).toMatchObject({ from: '2031-04-11', to: '2031-04-13' });
    expect((await w.home.post('/api/respite/stays', { clientId: b, locationId, from: '2031-04-12', to: '2031-04-14', funding: 'private' })).statusCode).toBe(409);
    expect((await w.home.post(`/api/respite/stays/${stay.id}/cancel`)).json()).toMatchObject({ status: 'cancelled' });
    const second = await w.home.post('/api/respite/stays', { clientId: b, locationId, from: '2031-04-12', to: '2031-04-14', funding: 'private' });
    expect(second.statusCode).toBe(201);
    const id = second.json<{ id: string }>().id;
    expect((await w.home.post(`/api/respite/stays/${id}/accept`)).statusCode).toBe(404);
    expect((await w.careHome.post(`/api/respite/stays/${id}/accept`)).json()).toMatchObject({ status: 'booked' });
    expect((await w.careHome.post(`/api/respite/stays/${id}/no-show`)).json()).toMatchObject({ status: 'no_show' });
  });

  it('books a weekly series across the spring DST change on its calendar days and on one bed', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1', '2'] });
    const clientId = await addClient(w.home);
    const response = await w.home.post('/api/respite/series', { clientId, locationId, rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=4', firstCheckIn: '2031-03-14', nights: 2, confirmation: 'all_or_nothing', funding: 'private' });
    expect(response.statusCode).toBe(201);
    const { booked, refused } = response.json<{ booked: { from: string; to: string; bedId: string }[]; refused: unknown[] }>();
    expect(booked.map((s) => [s.from, s.to])).toEqual([['2031-03-14', '2031-03-16'], ['2031-03-21', '2031-03-23'], ['2031-03-28', '2031-03-30'], ['2031-04-04', '2031-04-06']]);
    expect(new Set(booked.map((s) => s.bedId)).size).toBe(1);
    expect(refused).toEqual([]);
  });

  it('refuses a whole all-or-nothing series when one occurrence has no room, but books the rest per occurrence', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const [other, clientId] = [await addClient(w.home, { familyName: 'Eerder' }), await addClient(w.home)];
    expect((await w.home.post('/api/respite/stays', { clientId: other, locationId, from: '2031-05-16', to: '2031-05-18', funding: 'private' })).statusCode).toBe(201);
    const series = { clientId, locationId, rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=FR;COUNT=3', firstCheckIn: '2031-05-09', nights: 2, funding: 'private' };
    const all = await w.home.post('/api/respite/series', { ...series, confirmation: 'all_or_nothing' });
    expect(all.statusCode).toBe(409);
    expect(await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).execute()).toHaveLength(0);
    const each = await w.home.post('/api/respite/series', { ...series, confirmation: 'per_occurrence' });
    expect(each.statusCode).toBe(201);
    const body = each.json<{ booked: { from: string }[]; refused: { from: string; reason: string }[] }>();
    expect(body.booked.map((s) => s.from)).toEqual(['2031-05-09', '2031-05-23']);
    expect(body.refused).toEqual([{ from: '2031-05-16', to: '2031-05-18', reason: 'no_room' }]);
  });

  it('counts Wmo nights against the decision: books within the nights left, refuses beyond, and outside the validity', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1', '2'] });
    const clientId = await addClient(w.home);
    expect((await w.home.post('/api/respite/funding', { clientId, scheme: 'wmo', nightsPerYear: 5, validFrom: '2031-01-01', validUntil: '2031-06-30', reference: 'WMO-1' })).statusCode).toBe(201);
    const check = await w.home.get(`/api/respite/clients/${clientId}/funding-check?from=2031-02-07&to=2031-02-10`);
    expect(check.json()).toMatchObject({ schemes: [{ scheme: 'wmo', covers: true, nightsRemaining: 5 }, { scheme: 'wlz', onFile: false, covers: false }, { scheme: 'private', covers: true }], referral: { scheme: 'zvw' } });
    expect((await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-10', funding: 'wmo' })).statusCode).toBe(201);
    const after = await w.home.get(`/api/respite/clients/${clientId}/funding-check?from=2031-03-07&to=2031-03-10`);
    expect(after.json<{ schemes: { nightsRemaining: number; covers: boolean; text: string }[] }>().schemes[0]).toMatchObject({ nightsRemaining: 2, covers: false, text: expect.stringContaining('2') as string });
    const tooMany = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-03-07', to: '2031-03-10', funding: 'wmo' });
    expect(tooMany.json<{ error: { code: string } }>().error.code).toBe('FUNDING_NOT_COVERED');
    expect((await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-03-07', to: '2031-03-09', funding: 'wmo' })).statusCode).toBe(201);
    const expired = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-07-04', to: '2031-07-05', funding: 'wlz' });
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('FUNDING_NOT_COVERED');
  });
});

describe('expandSeries', () => {
  it('keeps each stay on its calendar days across the DST change and gives the right UTC instants on both sides', () => {
    const stays = expandSeries('FREQ=WEEKLY;BYDAY=FR;COUNT=3', '2031-03-21', 2, 'Europe/Amsterdam');
    expect(stays.map((s) => s.from)).toEqual(['2031-03-21', '2031-03-28', '2031-04-04']);
    // Winter time (UTC+1) before 30 March 2031, summer time (UTC+2) after.
    expect(stays[0]?.checkIn.toISOString()).toBe('2031-03-21T13:00:00.000Z');
    expect(stays[2]?.checkIn.toISOString()).toBe('2031-04-04T12:00:00.000Z');
    // The stay over the change is one hour shorter in real time: 14:00 CET to 11:00 CEST.
    const across = stays[1];
    expect(across && (across.checkOut.getTime() - across.checkIn.getTime()) / 3600_000).toBe(44);
  });

  it('supports one weekend every six weeks and stops at the limit of an endless rule', () => {
    const stays = expandSeries('FREQ=WEEKLY;INTERVAL=6;BYDAY=FR', '2031-01-10', 2, 'Europe/Amsterdam');
    expect(stays).toHaveLength(26);
    expect(stays[1]?.from).toBe('2031-02-21');
  });
});
