import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../alliance/index.js';
import { startTestApp, type Session } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { SETUP } from '../../../../test/support/world.js';

const t = await startTestApp();

/** A confirmed call waiting for the coordinator; returns its id. */
async function confirmedCall(w: Awaited<ReturnType<typeof createNetworkWorld>>, overrides: Record<string, unknown> = {}) {
  const email = `mod-${Math.random().toString(36).slice(2)}@example.nl`;
  const answer = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls', payload: callFor(w.emmen, { contactEmail: email, notADuplicate: true, ...overrides }), remoteAddress: `198.51.100.${Math.floor(Math.random() * 250)}` });
  expect(answer.statusCode, answer.body).toBe(202);
  const mail = await t.db.selectFrom('outbox').select('body_text').where('recipient', '=', email).executeTakeFirstOrThrow();
  const token = /token=([\w-]+)/.exec(mail.body_text)?.[1] ?? '';
  expect((await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls/confirm', payload: { token } })).statusCode).toBe(200);
  const row = await t.db.selectFrom('initiative').select('id').where('contact_email', '=', email).executeTakeFirstOrThrow();
  return { id: row.id, email };
}

const decide = (who: Session, id: string, decision: string, reason = '') => who.post(`/api/networkmap/initiatives/${id}/decision`, { decision, reason });
const isPublic = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/initiatives/${id}` })).statusCode === 200;

describe('two-level moderation', () => {
  it('publishes an initiative the network coordinator accepts, with the acceptance in its history', async () => {
    const w = await createNetworkWorld(t);
    const { id, email } = await confirmedCall(w);
    expect(await isPublic(id)).toBe(false);
    const accepted = await decide(w.coordinator, id, 'accept');
    expect(accepted.json()).toEqual({ id, status: 'accepted' });
    expect(await isPublic(id)).toBe(true);
    const history = (await w.coordinator.get(`/api/networkmap/initiatives/${id}/history`)).json<{ action: string; actor_kind: string; from_status: string | null; to_status: string }[]>();
    expect(history.map((e) => [e.actor_kind, e.action, e.from_status, e.to_status])).toEqual([
      ['submitter', 'called', null, 'unconfirmed'], ['submitter', 'confirmed', 'unconfirmed', 'submitted'], ['user', 'network_accept', 'submitted', 'accepted'],
    ]);
    expect(await t.db.selectFrom('outbox').select('template').where('recipient', '=', email).where('template', '=', 'networkmapAccepted').execute()).toHaveLength(1);
  });

  it('sends an initiative on to the national body, which decides second', async () => {
    const w = await createNetworkWorld(t);
    const { id } = await confirmedCall(w);
    expect((await decide(w.national, id, 'accept')).statusCode).toBe(400);
    expect((await decide(w.coordinator, id, 'escalate')).json()).toEqual({ id, status: 'national_review' });
    expect(await isPublic(id)).toBe(false);
    expect((await w.national.get('/api/networkmap/moderation')).json<{ level: string; items: { id: string }[] }>()).toMatchObject({ level: 'national', items: expect.arrayContaining([expect.objectContaining({ id })]) as unknown });
    expect((await decide(w.coordinator, id, 'accept')).statusCode).toBe(400);
    expect((await decide(w.national, id, 'accept')).json()).toEqual({ id, status: 'accepted' });
    expect(await isPublic(id)).toBe(true);
  });

  it('asks for changes with a reason; the submitter’s edit through the new private link goes back to the coordinator', async () => {
    const w = await createNetworkWorld(t);
    const { id, email } = await confirmedCall(w);
    expect((await decide(w.coordinator, id, 'ask_changes')).statusCode).toBe(400);
    expect((await decide(w.coordinator, id, 'ask_changes', 'Noem ook de welzijnsorganisatie als partner.')).json()).toEqual({ id, status: 'changes_requested' });
    const mail = await t.db.selectFrom('outbox').select('body_text').where('recipient', '=', email).where('template', '=', 'networkmapChangesRequested').executeTakeFirstOrThrow();
    expect(mail.body_text).toContain('Noem ook de welzijnsorganisatie als partner.');
    const token = /token=([\w-]+)/.exec(mail.body_text)?.[1] ?? '';
    const own = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/own', payload: { token } });
    expect(own.json()).toMatchObject({ id, status: 'changes_requested', statusReason: 'Noem ook de welzijnsorganisatie als partner.' });
    const edited = await t.app.inject({ method: 'PUT', url: '/api/public/networkmap/own', payload: { ...callFor(w.emmen, { contactEmail: email, summary: 'Nu met Sedna Welzijn als partner, en gespreksavonden in drie wijken.' }), token } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await t.app.inject({ method: 'PUT', url: '/api/public/networkmap/own', payload: { ...callFor(w.emmen, { contactEmail: email }), token } })).statusCode).toBe(404);
    const history = (await w.coordinator.get(`/api/networkmap/initiatives/${id}/history`)).json<{ action: string; to_status: string; reason: string; changes: Record<string, { from: unknown; to: unknown }> }[]>();
    expect(history.at(-2)).toMatchObject({ action: 'network_ask_changes', to_status: 'changes_requested', reason: 'Noem ook de welzijnsorganisatie als partner.' });
    expect(history.at(-1)).toMatchObject({ action: 'edited', to_status: 'submitted' });
    expect(history.at(-1)?.changes.summary?.to).toBe('Nu met Sedna Welzijn als partner, en gespreksavonden in drie wijken.');
  });

  it('rejects only with a reason, and a rejected initiative stays settled', async () => {
    const w = await createNetworkWorld(t);
    const { id } = await confirmedCall(w);
    expect((await decide(w.coordinator, id, 'reject')).statusCode).toBe(400);
    expect((await decide(w.coordinator, id, 'reject', 'Geen samenwerking tussen gemeente en netwerk.')).json()).toEqual({ id, status: 'rejected' });
    expect((await decide(w.coordinator, id, 'accept')).statusCode).toBe(400);
    expect(await isPublic(id)).toBe(false);
  });

  it('keeps another network’s coordinator and a network coordinator outside a network away from the call', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    const { id } = await confirmedCall(w);
    expect((await decide(other.coordinator, id, 'accept')).statusCode).toBe(404);
    expect((await other.coordinator.get(`/api/networkmap/initiatives/${id}/history`)).statusCode).toBe(404);
    const careHome = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Zorgaanbieder', kind: 'care_provider' });
    const misplaced = await w.session(careHome, ['network_coordinator'], 'misplaced');
    expect((await decide(misplaced, id, 'accept')).statusCode).toBe(403);
    expect((await misplaced.get('/api/networkmap/moderation')).statusCode).toBe(403);
  });
});
