import { describe, expect, it } from 'vitest';
import { sessionFor, type Session } from '../../../../test/support/app.js';
import { addClient, addLocation, addPartner, createRespiteWorld, needs, startRespiteApp, TEST_NOW, type RespiteWorld } from '../../../../test/support/respite-world.js';

const t = await startRespiteApp();
let counter = 0;

interface Overview {
  requests: { id: string; status: string; forWhom: string }[];
  stays: { id: string; seriesId: string | null; from: string; status: string; confirmed: boolean }[];
}

/** The intake of Assen is the client's home organisation, so its coordinator answers the public requests. */
async function world() {
  const w = await createRespiteWorld(t);
  await t.db.insertInto('respite_intake').values({ alliance_id: w.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: w.homeOrg, email: 'intake@home.example', phone: '0592 - 111 222' }).execute();
  return { ...w, locationId: await addLocation(w.careHome, { beds: ['1', '2'] }) };
}

/** A request through the public form, as the caregiver sends it. */
async function publicRequest(w: RespiteWorld, email: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/requests`, remoteAddress: `192.0.2.${++counter}`,
    payload: { municipality: 'Assen', route: 'caregiver_support', from: '2031-02-07', to: '2031-02-09', forWhom: `Moeder van ${email}`, contactName: 'Els', contactEmail: email },
  });
  expect(response.statusCode, response.body).toBe(201);
  const row = await t.db.selectFrom('respite_request').select('id').where('contact_email', '=', email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

/** Signs in as the caregiver the way she does: the link from the mail (here the outbox, no SMTP set). */
async function signIn(email: string): Promise<Session> {
  const asked = await t.app.inject({ method: 'POST', url: '/api/citizen/sign-in', remoteAddress: `198.51.100.${++counter}`, payload: { email } });
  expect(asked.statusCode).toBe(202);
  let token: string | undefined;
  for (let i = 0; i < 100 && !token; i++) {
    const mail = await t.db.selectFrom('outbox').select('body_text').where('recipient', '=', email.toLowerCase()).where('template', '=', 'citizenSignIn').orderBy('created_at', 'desc').executeTakeFirst();
    token = mail && new URLSearchParams(/bevestigen#(\S+)/.exec(mail.body_text)?.[1]).get('token') || undefined;
    if (!token) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const confirmed = await t.app.inject({ method: 'POST', url: '/api/citizen/sign-in/confirm', payload: { token } });
  const cookie = confirmed.cookies.find((c) => c.name === 'sz_citizen');
  if (!cookie) throw new Error(`no citizen session: ${confirmed.body}`);
  return sessionFor(t.app, `sz_citizen=${cookie.value}`);
}

async function proposeSeries(w: RespiteWorld & { locationId: string }, requestId: string, confirmation: 'all_or_nothing' | 'per_occurrence') {
  const clientId = await addClient(w.home, { familyName: `Serie${++counter}` });
  const response = await w.home.post('/api/respite/series', { clientId, locationId: w.locationId, rrule: 'FREQ=WEEKLY;INTERVAL=6;COUNT=3', firstCheckIn: '2031-02-07', nights: 2, confirmation, funding: 'private', requestId });
  expect(response.statusCode, response.body).toBe(201);
  return { clientId, ...response.json<{ seriesId: string; booked: { id: string }[] }>() };
}

const overview = async (session: Session) => {
  const response = await session.get('/api/citizen/respite');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Overview>();
};

describe('the caregiver\'s own requests and stays', () => {
  it('shows a caregiver who signs in from the mailed link her request and the series proposed for it, and nothing of another caregiver', async () => {
    const w = await world();
    const els = `els${++counter}@example.nl`;
    const piet = `piet${++counter}@example.nl`;
    const elsRequest = await publicRequest(w, els);
    const pietRequest = await publicRequest(w, piet);
    const elsSeries = await proposeSeries(w, elsRequest, 'all_or_nothing');
    const pietSeries = await proposeSeries(w, pietRequest, 'per_occurrence');

    const elsSession = await signIn(els.toUpperCase());
    const mine = await overview(elsSession);
    expect(mine.requests).toEqual([expect.objectContaining({ id: elsRequest, status: 'proposed', forWhom: `Moeder van ${els}` })]);
    expect(mine.stays.map((s) => s.id)).toEqual(elsSeries.booked.map((b) => b.id));
    expect(mine.stays.every((s) => s.seriesId === elsSeries.seriesId && s.status === 'requested' && !s.confirmed)).toBe(true);

    const pietSession = await signIn(piet);
    const his = await overview(pietSession);
    expect(his.requests.map((r) => r.id)).toEqual([pietRequest]);
    expect(his.stays.map((s) => s.id)).toEqual(pietSeries.booked.map((b) => b.id));
    // Piet can neither confirm nor cancel Els's stays: they read as not there.
    expect((await pietSession.post(`/api/citizen/respite/series/${elsSeries.seriesId}/confirm`, {})).statusCode).toBe(404);
    expect((await pietSession.post(`/api/citizen/respite/stays/${elsSeries.booked[0]?.id}/cancel`)).statusCode).toBe(404);
    expect((await pietSession.post(`/api/citizen/respite/stays/${elsSeries.booked[0]?.id}/confirm`)).statusCode).toBe(404);
    expect((await overview(elsSession)).stays.every((s) => s.status === 'requested' && !s.confirmed)).toBe(true);
    // A staff session is no caregiver, and nobody signed in sees nothing.
    expect((await w.home.get('/api/citizen/respite')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/citizen/respite' })).statusCode).toBe(401);

    const audit = await t.db.selectFrom('audit_log').select(['client_id', 'role', 'action']).where('resource', '=', 'respite_stay').where('role', '=', 'citizen').where('client_id', '=', elsSeries.clientId).execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('tells the caregiver in plain words that the municipality refused Wmo funding, and why', async () => {
    const w = await world();
    const municipality = await addPartner(t, w, 'municipality', 'wmo');
    await t.db.insertInto('respite_intake').values({ alliance_id: w.allianceId, municipality: 'Assen', route: 'wmo', organisation_id: municipality.organisationId, email: 'wmo@assen.example', phone: '14 0592' }).execute();
    const refused = await publicRequest(w, 'geweigerd@example.nl');
    const granted = await publicRequest(w, 'toegekend@example.nl');
    const reason = 'Uw moeder krijgt al zorg uit de Wet langdurige zorg; die betaalt het logeren.';
    expect((await municipality.session.post(`/api/respite/requests/${refused}/wmo-decision`, { granted: false, reference: 'WMO-7', refusalReason: reason })).statusCode).toBe(204);
    expect((await municipality.session.post(`/api/respite/requests/${granted}/wmo-decision`, { granted: true, nightsPerYear: 12, validFrom: '2031-01-01' })).statusCode).toBe(204);
    const mine = (await (await signIn('geweigerd@example.nl')).get('/api/citizen/respite')).json<{ requests: { id: string; status: string; outcome: string; wmoDecision: unknown }[] }>();
    expect(mine.requests).toEqual([expect.objectContaining({ id: refused, status: 'closed', outcome: 'no_funding', wmoDecision: { granted: false, refusalReason: reason } })]);
    const other = (await (await signIn('toegekend@example.nl')).get('/api/citizen/respite')).json<{ requests: { id: string; wmoDecision: unknown }[] }>();
    expect(other.requests).toEqual([expect.objectContaining({ id: granted, wmoDecision: { granted: true, refusalReason: null } })]);
  });

  it('confirms an all-or-nothing series only as a whole', async () => {
    const w = await world();
    const email = `anna${++counter}@example.nl`;
    const series = await proposeSeries(w, await publicRequest(w, email), 'all_or_nothing');
    const anna = await signIn(email);
    const part = await anna.post(`/api/citizen/respite/series/${series.seriesId}/confirm`, { stayIds: [series.booked[0]?.id] });
    expect(part.statusCode).toBe(400);
    const whole = await anna.post(`/api/citizen/respite/series/${series.seriesId}/confirm`, {});
    expect(whole.statusCode, whole.body).toBe(200);
    expect(whole.json<Overview>().stays.map((s) => s.confirmed)).toEqual([true, true, true]);
    expect((await anna.post(`/api/citizen/respite/series/${series.seriesId}/confirm`, {})).statusCode).toBe(400);
  });

  it('confirms the chosen stays of a per-occurrence series and offers the others to the waiting list', async () => {
    const w = await world();
    const email = `bram${++counter}@example.nl`;
    const series = await proposeSeries(w, await publicRequest(w, email), 'per_occurrence');
    const [first, second, third] = series.booked.map((b) => b.id);
    const waiting = await addClient(w.home, { familyName: 'Wachtend' });
    expect((await w.home.post('/api/respite/waitlist', { clientId: waiting, locationId: w.locationId, from: '2031-03-20', to: '2031-03-24', contactEmail: 'wacht@example.nl' })).statusCode).toBe(201);
    const mailsBefore = t.mail.length;

    const bram = await signIn(email);
    const answer = await bram.post(`/api/citizen/respite/series/${series.seriesId}/confirm`, { stayIds: [first, third] });
    expect(answer.statusCode, answer.body).toBe(200);
    const stays = answer.json<Overview>().stays;
    expect(stays.map((s) => [s.id, s.status, s.confirmed])).toEqual([[first, 'requested', true], [second, 'cancelled', false], [third, 'requested', true]]);
    // The second occurrence (21-23 March) went to the person waiting for those nights.
    expect(t.mail.slice(mailsBefore)).toEqual([expect.objectContaining({ to: 'wacht@example.nl', template: 'hold_offered' })]);
  });

  it('lets the caregiver cancel her stay: the care home no longer reads the needs and the nights are freed', async () => {
    const w = await world();
    const email = `cor${++counter}@example.nl`;
    const requestId = await publicRequest(w, email);
    const clientId = await addClient(w.home);
    await w.home.put(`/api/respite/clients/${clientId}/needs`, needs());
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId: w.locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private', requestId });
    expect(stay.statusCode, stay.body).toBe(201);
    const stayId = stay.json<{ id: string }>().id;
    expect((await w.careHome.get(`/api/respite/clients/${clientId}/needs`)).statusCode).toBe(200);
    const cor = await signIn(email);
    expect((await cor.post(`/api/citizen/respite/stays/${stayId}/confirm`)).json<Overview>().stays[0]?.confirmed).toBe(true);
    const cancelled = await cor.post(`/api/citizen/respite/stays/${stayId}/cancel`);
    expect(cancelled.json<Overview>().stays[0]?.status).toBe('cancelled');
    const grants = await t.db.selectFrom('access_grant').select('revoked_at').where('reference', '=', `stay:${stayId}`).execute();
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.revoked_at !== null)).toBe(true);
    expect((await w.careHome.get(`/api/respite/clients/${clientId}/needs`)).statusCode).toBe(404);
    expect((await cor.post(`/api/citizen/respite/stays/${stayId}/cancel`)).statusCode).toBe(400);
  });

  it('refuses to attach a proposal to a request sent to another intake', async () => {
    const w = await world();
    const requestId = await publicRequest(w, `dirk${++counter}@example.nl`);
    await t.db.updateTable('respite_request').set({ organisation_id: w.outsiderOrg }).where('id', '=', requestId).execute();
    const clientId = await addClient(w.home);
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId: w.locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private', requestId });
    expect(stay.statusCode).toBe(404);
    expect(await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).execute()).toEqual([]);
  });

  it('takes feedback after a booked stay from the caregiver and for the person who stayed, once each, not before the stay', async () => {
    const w = await world();
    const email = `eva${++counter}@example.nl`;
    const requestId = await publicRequest(w, email);
    const clientId = await addClient(w.home);
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId: w.locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private', requestId });
    const stayId = stay.json<{ id: string }>().id;
    await w.careHome.post(`/api/respite/stays/${stayId}/accept`);
    const eva = await signIn(email);
    const answer = { respondent: 'caregiver', rating: 4, comment: 'Goed uitgerust' };
    expect((await eva.post(`/api/citizen/respite/stays/${stayId}/feedback`, answer)).statusCode).toBe(400);
    t.clock.now = new Date('2031-02-09T12:00:00Z');
    try {
      expect((await eva.post(`/api/citizen/respite/stays/${stayId}/feedback`, answer)).statusCode).toBe(200);
      const person = await eva.post(`/api/citizen/respite/stays/${stayId}/feedback`, { respondent: 'person', rating: 3, comment: 'Eten was koud' });
      expect(person.json<{ stays: { feedback: string[] }[] }>().stays[0]?.feedback).toEqual(['caregiver', 'person']);
      expect((await eva.post(`/api/citizen/respite/stays/${stayId}/feedback`, answer)).statusCode).toBe(409);
      const fredEmail = `fred${++counter}@example.nl`;
      await publicRequest(w, fredEmail);
      const fred = await signIn(fredEmail);
      expect((await fred.post(`/api/citizen/respite/stays/${stayId}/feedback`, { respondent: 'person', rating: 1 })).statusCode).toBe(404);
      const stored = await t.db.selectFrom('respite_feedback').select(['respondent', 'rating', 'organisation_id']).where('booking_id', '=', stayId).orderBy('respondent').execute();
      expect(stored).toEqual([{ respondent: 'caregiver', rating: 4, organisation_id: w.partnerOrg }, { respondent: 'person', rating: 3, organisation_id: w.partnerOrg }]);
    } finally {
      t.clock.now = TEST_NOW;
    }
  });
});
