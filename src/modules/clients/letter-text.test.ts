import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';

/** Issue 11 item 8: the information letter tells who works together, who may see what, and what the night team does. */

let t: TestApp;
let world: World;
let coordinator: Session;
let admin: Session;
let allianceAdmin: Session;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coord'));
  admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'admin'));
  allianceAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'aadmin'));
});

const letterOf = async (clientId: string) => {
  const response = await admin.get(`/api/clients/${clientId}/letter.pdf`);
  expect(response.statusCode).toBe(200);
  return pdfText(response.rawPayload);
};

describe('the information letter', () => {
  it('names the partner organisations and the GP posts that may see identification, and says planned visits are off', async () => {
    const id = (await coordinator.post('/api/clients', validClient({ familyName: 'Lettertext' }))).json<{ id: string }>().id;
    const text = await letterOf(id);
    expect(text).toContain('werken deze zorgorganisaties samen: Home care en Partner care.');
    // A member without a night-care agreement is not a partner the client's data goes to.
    expect(text).not.toContain('Outsider care');
    expect(text).toMatch(/naar de huisartsenpost, dan ziet die huisartsenpost voor die verwijzing uw naam, geboortedatum en adres\. Dit zijn: GP post\./);
    expect(text).toContain('Het nachtteam komt alleen voor acute, ongeplande zorg.');
  });

  it('says planned night visits are made once the alliance administrator turns them on', async () => {
    expect((await admin.patch(`/api/alliances/${world.allianceId}/settings`, { plannedVisitsEnabled: true })).statusCode).toBe(403);
    expect((await allianceAdmin.patch(`/api/alliances/${world.allianceId}/settings`, { plannedVisitsEnabled: true })).statusCode).toBe(204);
    try {
      const id = (await coordinator.post('/api/clients', validClient({ familyName: 'Planned' }))).json<{ id: string }>().id;
      const text = await letterOf(id);
      expect(text).toContain('Het nachtteam kan ook geplande bezoeken in de nacht afleggen');
      expect(text).not.toContain('Geplande bezoeken in de nacht doet het nachtteam niet');
    } finally {
      await allianceAdmin.patch(`/api/alliances/${world.allianceId}/settings`, { plannedVisitsEnabled: false });
    }
  });

  it('goes in a batch only to clients the night team serves', async () => {
    await coordinator.post('/api/clients', validClient({ familyName: 'Batchserved' }));
    const outOfScope = (await coordinator.post('/api/clients', validClient({ familyName: 'Batchneither', personalAlarm: false, alarmAccount: undefined, districtNursing: false }))).json<{ id: string }>().id;
    const start = await admin.post('/api/letters/batches', { scope: 'unsent', markSent: true });
    expect(start.statusCode).toBe(202);
    const { id } = start.json<{ id: string }>();
    await expect.poll(async () => (await admin.get(`/api/letters/batches/${id}`)).json<{ status: string }>().status).toBe('done');
    const text = await pdfText((await admin.get(`/api/letters/batches/${id}/pdf`)).rawPayload);
    expect(text).toContain('Batchserved');
    expect(text).not.toContain('Batchneither');
    const client = await t.db.selectFrom('client').select('letter_sent_at').where('id', '=', outOfScope).executeTakeFirstOrThrow();
    expect(client.letter_sent_at).toBeNull();
  });
});
