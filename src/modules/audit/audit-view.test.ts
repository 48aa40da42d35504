import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, type World } from '../../../test/support/world.js';
import { appendAudit, type AuditEntry } from '../../platform/audit/index.js';

let t: TestApp;
let world: World;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'viewadmin'));
});

const entry = (organisationId: string, clientOrganisationId: string, userName: string): AuditEntry => ({
  allianceId: world.allianceId,
  userId: null,
  userName,
  organisationId,
  role: 'nurse',
  clientId: randomUUID(),
  clientOrganisationId,
  action: 'read',
  resource: 'night_summary',
  fields: [],
  purpose: 'assignment',
  reason: null,
  grantId: null,
  outcome: 'allowed',
});

describe("the organisation's audit view", () => {
  it("shows its own staff's entries and others' entries about its clients, newest first, each once, a page at a time", async () => {
    const tag = randomUUID().slice(0, 8);
    // One at a time, so their ids follow this order.
    for (const e of [
      entry(world.homeOrg, world.partnerOrg, `${tag} own staff, partner's client`),
      entry(world.partnerOrg, world.homeOrg, `${tag} partner about our client`),
      entry(world.partnerOrg, world.partnerOrg, `${tag} partner about its own client`),
      entry(world.homeOrg, world.homeOrg, `${tag} own staff, own client`),
      entry(world.outsiderOrg, world.homeOrg, `${tag} outsider about our client`),
    ])
      await appendAudit(t.deps.db, [e]);
    const page = async (query: string) => (await admin.get(`/api/audit?purpose=assignment${query}`)).json<{ items: { id: number; userName: string }[] }>().items;
    const first = await page('&limit=3');
    const second = await page(`&limit=3&before=${first.at(-1)!.id}`);
    const names = [...first, ...second].map((i) => i.userName).filter((n) => n.startsWith(tag));
    expect(names).toEqual([`${tag} outsider about our client`, `${tag} own staff, own client`, `${tag} partner about our client`, `${tag} own staff, partner's client`]);
    expect(first).toHaveLength(3);
  });
});
