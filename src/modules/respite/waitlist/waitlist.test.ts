import { describe, expect, it } from 'vitest';
import { addClient, addLocation, createRespiteWorld, needs, startRespiteApp, TEST_NOW } from '../../../../test/support/respite-world.js';
import type { RespiteTemplate } from '../deps.js';
import { passOnExpiredHolds } from './service.js';

const t = await startRespiteApp();
const respiteDeps = () => ({ ...t.deps, now: () => t.clock.now, notify: async (to: string, template: RespiteTemplate, vars: Record<string, string>) => void t.mail.push({ to, template, vars }) });
const hours = (n: number) => new Date(TEST_NOW.getTime() + n * 3600_000);

describe('respite waiting list', () => {
  it('offers freed nights to the best matches in order with a 24-hour hold, and passes an unanswered hold on', async () => {
    t.clock.now = TEST_NOW;
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'], exclusions: ['wandering'] });
    const [booked, wanders, first, second] = [
      await addClient(w.home, { familyName: 'Geboekt' }), await addClient(w.home, { familyName: 'Dwaalt' }), await addClient(w.home, { familyName: 'Eerste' }), await addClient(w.home, { familyName: 'Tweede' }),
    ];
    await w.home.put(`/api/respite/clients/${wanders}/needs`, needs({ behaviour: 'wandering' }));
    const stay = (await w.home.post('/api/respite/stays', { clientId: booked, locationId, from: '2031-02-07', to: '2031-02-10', funding: 'private' })).json<{ id: string }>();
    // The one who wanders asked first but the location cannot take them: skipped, not offered.
    for (const [clientId, email] of [[wanders, 'dwaalt@example.nl'], [first, 'eerste@example.nl'], [second, 'tweede@example.nl']] as const) {
      expect((await w.home.post('/api/respite/waitlist', { clientId, locationId, from: '2031-02-01', to: '2031-02-28', contactEmail: email })).statusCode).toBe(201);
    }

    const cancelled = await w.home.post(`/api/respite/stays/${stay.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', offeredTo: 1 });
    expect(t.mail.map((m) => [m.to, m.template])).toEqual([['eerste@example.nl', 'hold_offered']]);
    const hold = await t.db.selectFrom('respite_booking').select(['id', 'status', 'hold_expires_at']).where('client_id', '=', first).executeTakeFirstOrThrow();
    expect(hold).toMatchObject({ status: 'held', hold_expires_at: hours(24) });
    // Nobody else can take the held nights meanwhile.
    expect((await w.home.post('/api/respite/stays', { clientId: booked, locationId, from: '2031-02-08', to: '2031-02-09', funding: 'private' })).statusCode).toBe(409);

    t.clock.now = hours(23);
    expect(await passOnExpiredHolds(respiteDeps())).toBe(0);
    t.clock.now = hours(24.5);
    expect(await passOnExpiredHolds(respiteDeps())).toBe(1);
    expect(t.mail.map((m) => m.to)).toEqual(['eerste@example.nl', 'tweede@example.nl']);
    const late = await w.home.post(`/api/respite/stays/${hold.id}/accept-offer`);
    expect(late.statusCode).toBe(404);

    const offered = await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', second).where('status', '=', 'held').executeTakeFirstOrThrow();
    const accepted = await w.home.post(`/api/respite/stays/${offered.id}/accept-offer`);
    expect(accepted.json()).toMatchObject({ status: 'booked', from: '2031-02-07', to: '2031-02-10' });
    const list = await t.db.selectFrom('respite_waitlist').select(['client_id', 'status']).where('location_id', '=', locationId).execute();
    expect(Object.fromEntries(list.map((e) => [e.client_id, e.status]))).toEqual({ [wanders]: 'waiting', [first]: 'waiting', [second]: 'placed' });
  });

  it('offers only the nights within the period the person asked for', async () => {
    t.clock.now = TEST_NOW;
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const [booked, waiting] = [await addClient(w.home), await addClient(w.home, { familyName: 'Wacht' })];
    const stay = (await w.home.post('/api/respite/stays', { clientId: booked, locationId, from: '2031-03-01', to: '2031-03-08', funding: 'private' })).json<{ id: string }>();
    await w.home.post('/api/respite/waitlist', { clientId: waiting, locationId, from: '2031-03-05', to: '2031-03-20', contactEmail: 'wacht@example.nl' });
    await w.home.post(`/api/respite/stays/${stay.id}/cancel`);
    const held = await t.db.selectFrom('respite_booking').select(['nights', 'status']).where('client_id', '=', waiting).executeTakeFirstOrThrow();
    expect(held).toEqual({ nights: '[2031-03-05,2031-03-08)', status: 'held' });
  });
});
