import { createAgreement, createOrganisation } from '../../src/modules/alliance/index.js';
import type { RespiteTemplate } from '../../src/modules/respite/index.js';
import { login, startTestApp, type Session, type TestApp } from './app.js';
import { addUser, createWorld, SETUP, validClient, type World } from './world.js';

/** Respite tests run on a clock in 2031, so every stay lies ahead of the real date too (grants expire in real time). */
export const TEST_NOW = new Date('2031-01-06T09:00:00Z');

export interface SentMail {
  to: string;
  template: RespiteTemplate;
  vars: Record<string, string>;
}

export interface RespiteTestApp extends TestApp {
  clock: { now: Date };
  mail: SentMail[];
}

/** The app with respite's clock and mail in the test's hands, and no background hold sweep. */
export async function startRespiteApp(): Promise<RespiteTestApp> {
  const clock = { now: TEST_NOW };
  const mail: SentMail[] = [];
  const t = await startTestApp({
    respite: { now: () => clock.now, notify: async (to, template, vars) => void mail.push({ to, template, vars }), holdSweep: false },
  });
  return { ...t, clock, mail };
}

export interface RespiteWorld extends World {
  /** Coordinator of the client's home organisation: intake and booking. */
  home: Session;
  /** Coordinator of the care home (the partner organisation) that runs the location. */
  careHome: Session;
  /** Coordinator of an organisation without a stay: must see nothing. */
  outsider: Session;
}

/** An alliance where Home care books at Partner care's location; both share data for respite. */
export async function createRespiteWorld(t: TestApp): Promise<RespiteWorld> {
  const world = await createWorld(t.db);
  for (const organisationId of [world.homeOrg, world.partnerOrg, world.outsiderOrg]) {
    await createAgreement(t.db, SETUP, { allianceId: world.allianceId, organisationId, purposes: ['respite'], startsOn: '2020-01-01', signedBy: 'Director' });
  }
  const as = async (org: string, label: string) => login(t.app, await addUser(t.db, t.deps.secretBox, org, ['coordinator'], label));
  return { ...world, home: await as(world.homeOrg, 'home'), careHome: await as(world.partnerOrg, 'carehome'), outsider: await as(world.outsiderOrg, 'outsider') };
}

export const location = (overrides: Record<string, unknown> = {}) => ({
  name: 'De Bloemenhof',
  offerType: 'care_home',
  street: 'Rolderstraat 1',
  city: 'Assen',
  municipality: 'Assen',
  latitude: 52.99,
  longitude: 6.56,
  features: ['ground_floor', 'hoist'],
  capabilities: ['night_supervision', 'medication'],
  exclusions: [],
  fundingAccepted: ['wmo', 'private'],
  pricePerNightCents: 9500,
  beds: ['1', '2'],
  ...overrides,
});

export async function addLocation(session: Session, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await session.post('/api/respite/locations', location(overrides));
  if (response.statusCode !== 201) throw new Error(`location: ${response.statusCode} ${response.body}`);
  return (response.json<{ id: string }>()).id;
}

export async function addClient(session: Session, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await session.post('/api/clients', validClient({ city: 'Assen', municipality: 'Assen', ...overrides }));
  if (response.statusCode !== 201) throw new Error(`client: ${response.statusCode} ${response.body}`);
  return (response.json<{ id: string }>()).id;
}

export const needs = (overrides: Record<string, unknown> = {}) => ({
  mobility: 'walker', nightCare: false, twoPersonTransfer: false, cognition: 'none', behaviour: 'none', medication: 'self', nursing: false, diet: '', partnerStays: false, pets: false, ...overrides,
});


/** A partner organisation of a given kind in the world's alliance, with one coordinator signed in. */
export async function addPartner(t: TestApp, world: World, kind: Parameters<typeof createOrganisation>[2]['kind'], label: string): Promise<{ organisationId: string; session: Session }> {
  const organisationId = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: `${label} organisation`, kind });
  return { organisationId, session: await login(t.app, await addUser(t.db, t.deps.secretBox, organisationId, ['coordinator'], label)) };
}
