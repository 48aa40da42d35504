import { describe, expect, it } from 'vitest';
import { addClient, addLocation, createRespiteWorld, startRespiteApp, TEST_NOW } from '../../../../test/support/respite-world.js';
import { sendStayMails } from './sweep.js';

const t = await startRespiteApp();
let counter = 0;

/** The sweep as each instance runs it, on the test's clock and mail. */
const sweep = () => sendStayMails({ ...t.deps, now: () => t.clock.now, notify: async (to, template, vars) => void t.mail.push({ to, template, vars }) });

describe('reminders before and feedback after a stay', () => {
  it('reminds the caregiver three days ahead with what to bring and asks for feedback after the stay, each once, even with two sweeps at once', async () => {
    t.clock.now = TEST_NOW;
    const w = await createRespiteWorld(t);
    await t.db.insertInto('respite_intake').values({ alliance_id: w.allianceId, municipality: 'Assen', route: 'wmo', organisation_id: w.homeOrg, email: 'wmo@home.example', phone: '14' }).execute();
    const locationId = await addLocation(w.careHome, { name: 'De Linde' });
    const email = `els${++counter}@example.nl`;
    await t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/requests`, remoteAddress: '203.0.113.77', payload: { municipality: 'Assen', route: 'wmo', from: '2031-02-07', to: '2031-02-09', forWhom: 'Moeder', contactName: 'Els', contactEmail: email } });
    const request = await t.db.selectFrom('respite_request').select('id').where('contact_email', '=', email).executeTakeFirstOrThrow();
    const clientId = await addClient(w.home);
    const booked = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private', requestId: request.id });
    const onlyRequested = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-14', to: '2031-02-16', funding: 'private', requestId: request.id });
    expect(onlyRequested.statusCode).toBe(201);
    expect((await w.careHome.post(`/api/respite/stays/${booked.json<{ id: string }>().id}/accept`)).statusCode).toBe(200);
    const mailsTo = () => t.mail.filter((m) => m.to === email && m.template !== 'request_received').map((m) => [m.template, m.vars.from]);

    t.clock.now = new Date('2031-02-03T09:00:00Z');
    await sweep();
    expect(mailsTo()).toEqual([]);
    t.clock.now = new Date('2031-02-04T09:00:00Z');
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(mailsTo()).toEqual([['stay_reminder', '2031-02-07']]);
    expect(t.mail.find((m) => m.to === email && m.template === 'stay_reminder')?.vars.location).toBe('De Linde');
    t.clock.now = new Date('2031-02-08T09:00:00Z');
    await sweep();
    expect(mailsTo()).toHaveLength(1);
    t.clock.now = new Date('2031-02-09T10:00:00Z');
    await Promise.all([sweep(), sweep()]);
    await sweep();
    // The stay that was never accepted gets neither a reminder nor a feedback question.
    expect(mailsTo()).toEqual([['stay_reminder', '2031-02-07'], ['feedback_asked', '2031-02-07']]);
    t.clock.now = TEST_NOW;
  });
});
