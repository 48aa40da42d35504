import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { grantAssignmentAccess } from '../../platform/access/index.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../test/support/night-world.js';
import { openNightShift } from '../../../test/support/world.js';

/** DESIGN.md §1: the night team serves clients with district nursing and/or a personal alarm; nobody else is shared for night care. */

let t: TestApp;
let night: NightWorld;
const ids: Record<string, string> = {};
let eligibleAccount = '';

const neither = { familyName: 'Neither', personalAlarm: false, alarmAccount: undefined, districtNursing: false };

beforeAll(async () => {
  t = await startTestApp();
  night = await createNightWorld(t);
  const eligible = await night.addClient(night.world.homeOrg, { familyName: 'Eligible' });
  eligibleAccount = eligible.account;
  ids.eligible = eligible.id;
  ids.neither = (await night.addClient(night.world.homeOrg, neither)).id;
  ids.nursingOnly = (await night.addClient(night.world.homeOrg, { familyName: 'Nursing', personalAlarm: false, alarmAccount: undefined, districtNursing: true })).id;
});

beforeEach(() => openNightShift(t.db, night.world.allianceId));

const assignNurse = (clientId: string) =>
  grantAssignmentAccess(t.db, {
    allianceId: night.world.allianceId,
    clientId,
    userId: night.nurse.user.id,
    organisationId: night.world.partnerOrg,
    reference: `visit:test:${clientId}`,
    expiresAt: new Date(Date.now() + 3600_000),
  });

describe('night-care eligibility', () => {
  it('does not share a client with neither district nursing nor a personal alarm, even on an assignment', async () => {
    await assignNurse(ids.neither!);
    await assignNurse(ids.nursingOnly!);
    expect((await night.nurse.session.get(`/api/clients/${ids.neither}/night-summary`)).statusCode).toBe(404);
    // District nursing alone is enough.
    expect((await night.nurse.session.get(`/api/clients/${ids.nursingOnly}/night-summary`)).statusCode).toBe(200);
    const refusals = await t.db.selectFrom('audit_log').select('outcome').where('client_id', '=', ids.neither!).where('user_id', '=', night.nurse.user.id).execute();
    expect(refusals.map((r) => r.outcome)).toEqual(['refused']);
  });

  it('does not share a client whose care has ended', async () => {
    const ended = (await night.addClient(night.world.homeOrg, { familyName: 'Ended' })).id;
    await assignNurse(ended);
    expect((await night.nurse.session.get(`/api/clients/${ended}/night-summary`)).statusCode).toBe(200);
    await t.db.updateTable('client').set({ care_ended_on: '2026-01-31' }).where('id', '=', ended).execute();
    expect((await night.nurse.session.get(`/api/clients/${ended}/night-summary`)).statusCode).toBe(404);
  });

  it('leaves a client with neither service out of the identification index', async () => {
    const search = (familyName: string) => night.coordinator.get(`/api/nightcare/identification-index?familyName=${familyName}&dateOfBirth=1938-03-14&callerPhone=%2B31591123456`);
    const neitherAnswer = await search('Neither');
    expect(neitherAnswer.statusCode, neitherAnswer.body).toBe(200);
    expect(neitherAnswer.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await search('Eligible')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([ids.eligible]);
  });

  it('refuses break-the-glass on a client with neither service as not found', async () => {
    const response = await night.nurse.session.post(`/api/clients/${ids.neither}/emergency-access`, { reason: 'Client fell, door locked, no answer' });
    expect(response.statusCode).toBe(404);
    expect((await night.nurse.session.post(`/api/clients/${ids.eligible}/emergency-access`, { reason: 'Client fell, door locked, no answer' })).statusCode).toBe(201);
  });

  it('keeps the client fully visible to its own organisation', async () => {
    const registrar = await night.session(night.world.homeOrg, ['coordinator'], 'homecoord');
    const record = await registrar.session.get(`/api/clients/${ids.neither}`);
    expect(record.statusCode).toBe(200);
    expect(record.json<{ nightCareScope: string[] }>().nightCareScope).toEqual([]);
  });

  it('shows on the incident why its client is in the night team’s scope', async () => {
    const incidentId = await night.runIncident(eligibleAccount, { open: true });
    const detail = await night.coordinator.get(`/api/nightcare/incidents/${incidentId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json<{ incident: { client: { nightCareScope: string[] } } }>().incident.client.nightCareScope).toEqual(['district_nursing', 'personal_alarm']);
  });
});
