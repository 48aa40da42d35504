/**
 * Set-up for `npm run bench:dispatch` (bench/dispatch.ts): the demo region of DESIGN.md §8 grown to a
 * full night. Everything goes through the platform's own roads: clients by CSV import, nurses going on
 * duty and reporting their position in the nurse app's routes, visits planned by each client's home
 * organisation through the planning routes, and the night planned by the planning module's solver.
 */
import { formatInTimeZone } from 'date-fns-tz';
import type { FastifyInstance } from 'fastify';
import { addTeamMember, createApiKey, createOrganisation, createStaff } from '../src/modules/alliance/index.js';
import { CSV_COLUMNS, importClientsCsv } from '../src/modules/clients/index.js';
import type { AccessContext } from '../src/platform/access/index.js';
import { currentTotp, userContext } from '../src/platform/auth/index.js';
import type { Db } from '../src/platform/db/index.js';
import type { PlatformDeps } from '../src/platform/deps.js';
import * as demo from '../src/seed/demo-data.js';
import { DEMO_ALLIANCE, DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoRegion } from '../src/seed/demo-region.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';

/** The benchmark set-up creates organisations and staff as the platform's bootstrap, not as any staff member. */
const BENCH = bootstrapActor('benchmark set-up');

export interface WorldOptions {
  nurses: number;
  visitsPerNurse: number;
  /** Clients added per care provider on top of the demo region's 400 each. */
  extraClientsPerProvider: number;
  solveSeconds: number;
  /** How long before "now" the night shift is made to start, so the wall clock falls early in it. */
  shiftLeadMinutes: number;
}

export interface Nurse {
  userId: string;
  email: string;
  town: string;
  skills: string[];
  latitude: number;
  longitude: number;
}

export interface World {
  allianceId: string;
  night: string;
  shiftStart: Date;
  shiftEnd: Date;
  shiftClock: string;
  coordinatorCookie: string;
  coordinatorCtx: AccessContext;
  alarmKey: string;
  /** Alarm accounts of every client with a personal alarm, for incidents at random clients. */
  alarmClients: { account: string; latitude: number; longitude: number }[];
  clients: number;
  nurses: Nurse[];
  visits: number;
  plan: { unassigned: number; perNurse: number[]; solveMs: number; travelMinutes: number | null };
  busyNurses: number;
}

const SKILL_ODDS: [string, number][] = [['lifting', 0.7], ['injections', 0.5], ['catheter_care', 0.4], ['wound_care', 0.4], ['palliative', 0.25]];
/** Where the night team parks: every town of the demo region, the larger towns twice. */
const EXTRA_BASES = ['Emmen', 'Hoogeveen', 'Assen', 'Coevorden', 'Klazienaveen'];

type Random = () => number;

/**
 * Logs a demo user in. A TOTP code is accepted once, and the bench logs one nurse in again within the
 * same 30-second step, so it forgets the user's last used step first, as a wait for the next code would.
 */
async function login(app: FastifyInstance, db: Db, email: string): Promise<string> {
  await db.updateTable('app_user').set({ totp_last_step: null }).where('email', '=', email).execute();
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD, totp: currentTotp(DEMO_TOTP_SECRET) } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
  const raw = response.headers['set-cookie'];
  return String(Array.isArray(raw) ? raw[0] : raw).split(';')[0] ?? '';
}

/** A set-up request that must succeed. */
export async function call<T>(app: FastifyInstance, cookie: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
  const response = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json<T>();
}

/** More clients in the demo's import format: same towns, spread and share of personal alarms. */
function clientsCsv(provider: number, count: number, random: Random): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const rows = [CSV_COLUMNS.join(',')];
  for (let i = 0; i < count; i++) {
    const town = pick(demo.towns);
    const alarm = random() < 0.7;
    const record: Record<(typeof CSV_COLUMNS)[number], string> = {
      given_name: pick(demo.givenNames),
      family_name: pick(demo.familyNames),
      date_of_birth: `19${30 + Math.floor(random() * 22)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      street: pick(demo.streets),
      house_number: String(1 + Math.floor(random() * 180)),
      postcode: `${town.postcode + Math.floor(random() * 8)} BN`,
      city: town.city,
      municipality: town.municipality,
      latitude: (town.lat + (random() - 0.5) * 0.04).toFixed(5),
      longitude: (town.lon + (random() - 0.5) * 0.06).toFixed(5),
      phone: '',
      district_nursing: 'ja',
      personal_alarm: alarm ? 'ja' : 'nee',
      // The demo's accounts start with the provider's digit 1-5; these with B.
      alarm_account: alarm ? `B${provider}${(0x10000 + i).toString(16).toUpperCase()}` : '',
      alarm_device: alarm ? 'Halsalarm' : '',
      key_safe_code: '',
      key_safe_location: '',
      gp_name: `Huisartsenpraktijk ${town.city}`,
      gp_phone: '',
      risks: '',
      allergies: '',
      medication: pick(demo.medications),
      wishes: '',
      instructions: pick(demo.instructions),
      contact_name: '',
      contact_relation: '',
      contact_phone: '',
      client_number: `B${provider}-${i}`,
    };
    rows.push(CSV_COLUMNS.map((c) => (/[",\n]/.test(record[c]) ? `"${record[c].replace(/"/g, '""')}"` : record[c])).join(','));
  }
  return rows.join('\n');
}

async function addClients(deps: PlatformDeps, perProvider: number, random: Random): Promise<void> {
  if (perProvider <= 0) return;
  for (const [index, provider] of demo.careProviders.entries()) {
    const user = await deps.db.selectFrom('app_user').select('id').where('email', '=', `dag@${provider.slug}.demo`).executeTakeFirstOrThrow();
    const organisation = await deps.db.selectFrom('organisation').select('id').where('name', '=', provider.name).executeTakeFirstOrThrow();
    const ctx = await userContext(deps.db, user.id, organisation.id);
    if (!ctx) throw new Error(`no context for ${provider.name}`);
    await importClientsCsv(deps, ctx, clientsCsv(index, perProvider, random));
  }
}

/** The demo's six night nurses plus new ones from the five providers, each with a base town and skills. */
async function nightNurses(deps: PlatformDeps, allianceId: string, count: number, random: Random): Promise<Omit<Nurse, 'skills'>[]> {
  const emails = ['nurse1@tangenborgh.demo', 'nurse2@tangenborgh.demo', 'nurse3@tangenborgh.demo', 'nurse1@icare.demo', 'nurse2@icare.demo', 'nurse3@icare.demo'];
  const sealed = deps.secretBox.seal(DEMO_TOTP_SECRET);
  for (let i = emails.length; i < count; i++) {
    const provider = demo.careProviders[i % demo.careProviders.length]!;
    const organisationId = (await deps.db.selectFrom('organisation').select('id').where('name', '=', provider.name).executeTakeFirstOrThrow()).id;
    const email = `nacht${i + 1}@${provider.slug}.demo`;
    const name = `${demo.givenNames[i % demo.givenNames.length]} ${demo.familyNames[(i * 7) % demo.familyNames.length]}`;
    const userId = await createStaff(deps.db, BENCH, organisationId, { email, name, password: DEMO_PASSWORD, roles: ['nurse'] });
    await deps.db.updateTable('app_user').set({ totp_secret_enc: sealed, totp_enabled: true }).where('id', '=', userId).execute();
    await addTeamMember(deps.db, { allianceId, teamName: 'Regionaal nachtteam', userId, organisationId });
    emails.push(email);
  }
  const bases = [...demo.towns.map((t) => t.city), ...EXTRA_BASES];
  const users = await deps.db.selectFrom('app_user').select(['id', 'email']).where('email', 'in', emails.slice(0, count)).execute();
  return emails.slice(0, count).map((email, i) => {
    const town = demo.towns.find((t) => t.city === bases[i % bases.length])!;
    return {
      userId: users.find((u) => u.email === email)!.id,
      email,
      town: town.city,
      latitude: town.lat + (random() - 0.5) * 0.02,
      longitude: town.lon + (random() - 0.5) * 0.03,
    };
  });
}

/** Moves the alliance's night shift so that the wall clock is `leadMinutes` into it: the HTTP route asks "now". */
async function shiftAroundNow(deps: PlatformDeps, allianceId: string, leadMinutes: number): Promise<Pick<World, 'night' | 'shiftStart' | 'shiftEnd' | 'shiftClock'>> {
  const settings = await deps.db.selectFrom('alliance').select('time_zone').where('id', '=', allianceId).executeTakeFirstOrThrow();
  const shiftStart = new Date(Math.floor((Date.now() - leadMinutes * 60_000) / 60_000) * 60_000);
  const shiftEnd = new Date(shiftStart.getTime() + 8 * 3600_000);
  const clock = (d: Date) => formatInTimeZone(d, settings.time_zone, 'HH:mm');
  // The benchmark plans visits, which the demo alliance (as announced: unplanned care) leaves off.
  await deps.db.updateTable('alliance').set({ night_shift_start: clock(shiftStart), night_shift_end: clock(shiftEnd), planned_visits_enabled: true }).where('id', '=', allianceId).execute();
  return { night: formatInTimeZone(shiftStart, settings.time_zone, 'yyyy-MM-dd'), shiftStart, shiftEnd, shiftClock: `${clock(shiftStart)}–${clock(shiftEnd)} ${settings.time_zone}` };
}

interface ClientRow {
  id: string;
  organisation_id: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * Each nurse's round: `perNurse` clients of her base town, in a sweep around it, with one-hour windows
 * spread over the shift and 5-10 minutes of care each, planned by the client's own organisation.
 */
async function planVisits(app: FastifyInstance, deps: PlatformDeps, world: Pick<World, 'night' | 'shiftStart' | 'shiftEnd'>, nurses: Nurse[], perNurse: number, random: Random): Promise<number> {
  const zone = (await deps.db.selectFrom('alliance').select('time_zone').where('name', '=', DEMO_ALLIANCE).executeTakeFirstOrThrow()).time_zone;
  const planners = new Map<string, string>();
  for (const provider of demo.careProviders) {
    const organisation = await deps.db.selectFrom('organisation').select('id').where('name', '=', provider.name).executeTakeFirstOrThrow();
    planners.set(organisation.id, await login(app, deps.db, `dag@${provider.slug}.demo`));
  }
  const clients = (await deps.db.selectFrom('client').select(['id', 'organisation_id', 'city', 'latitude', 'longitude']).where('district_nursing', '=', true).orderBy('id').execute()) as ClientRow[];
  const byTown = new Map<string, ClientRow[]>();
  for (const c of clients) byTown.set(c.city, [...(byTown.get(c.city) ?? []), c]);
  for (const list of byTown.values()) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }
  const usable = (world.shiftEnd.getTime() - world.shiftStart.getTime()) / 60_000 - 5;
  const spacing = (usable - 60) / perNurse;
  let planned = 0;
  for (const nurse of nurses) {
    const round = (byTown.get(nurse.town) ?? []).splice(0, perNurse);
    if (round.length < perNurse) throw new Error(`only ${round.length} clients in ${nurse.town}; raise --extra-clients`);
    round.sort((a, b) => Math.atan2(a.latitude! - nurse.latitude, a.longitude! - nurse.longitude) - Math.atan2(b.latitude! - nurse.latitude, b.longitude! - nurse.longitude));
    for (const [j, client] of round.entries()) {
      const from = new Date(world.shiftStart.getTime() + (5 + j * spacing) * 60_000);
      const to = new Date(from.getTime() + 60 * 60_000);
      const needs = random() < 0.1 ? nurse.skills.filter((s) => s !== 'lifting').slice(0, 1) : [];
      await call(app, planners.get(client.organisation_id) ?? '', 'POST', '/api/planning/visits', {
        clientId: client.id,
        night: world.night,
        task: needs.length ? 'Medicatie en wisselligging' : 'Wisselligging en toiletgang',
        windowStart: formatInTimeZone(from, zone, 'HH:mm'),
        windowEnd: formatInTimeZone(to, zone, 'HH:mm'),
        durationMinutes: 5 + Math.floor(random() * 6),
        requiredSkills: needs,
      });
      planned++;
    }
  }
  return planned;
}

async function solveNight(app: FastifyInstance, deps: PlatformDeps, cookie: string, night: string, seconds: number, nurses: Nurse[]): Promise<World['plan']> {
  const started = performance.now();
  const { runId } = await call<{ runId: string }>(app, cookie, 'POST', `/api/planning/nights/${night}/solve`, { timeLimitSeconds: seconds });
  let run = { status: 'running', unassigned: null as number | null, travelMinutes: null as number | null };
  while (run.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await call(app, cookie, 'GET', `/api/planning/runs/${runId}`);
  }
  if (run.status !== 'done') throw new Error(`planning run ${run.status}`);
  const counts = await deps.db.selectFrom('planned_visit').select(['assigned_user_id', (eb) => eb.fn.countAll<string>().as('n')]).where('night', '=', night).groupBy('assigned_user_id').execute();
  const perNurse = nurses.map((n) => Number(counts.find((c) => c.assigned_user_id === n.userId)?.n ?? 0));
  return { unassigned: run.unassigned ?? 0, perNurse, solveMs: performance.now() - started, travelMinutes: run.travelMinutes };
}

/** A few nurses already have an incident in hand, so dispatch also weighs the time they still need. */
async function makeBusy(app: FastifyInstance, db: Db, world: Omit<World, 'busyNurses' | 'plan' | 'visits'>, random: Random, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const client = world.alarmClients[Math.floor(random() * world.alarmClients.length)]!;
    const alarm = await app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': world.alarmKey, 'idempotency-key': `busy-${i}-${Date.now()}` }, payload: { account: client.account, reason: 'personal_emergency' } });
    const { incidentId } = alarm.json<{ incidentId: string }>();
    const nurse = world.nurses[i * 3]!;
    await call(app, world.coordinatorCookie, 'POST', `/api/nightcare/incidents/${incidentId}/triage`, { urgency: 'U3' });
    await call(app, world.coordinatorCookie, 'POST', `/api/nightcare/incidents/${incidentId}/assign`, { userId: nurse.userId });
    const session = await login(app, db, nurse.email);
    await call(app, session, 'POST', `/api/nightcare/incidents/${incidentId}/accept`);
    if (i % 2 === 0) await call(app, session, 'POST', `/api/nightcare/incidents/${incidentId}/status`, { status: 'en_route' });
  }
}

export async function buildWorld(app: FastifyInstance, deps: PlatformDeps, options: WorldOptions, log: (line: string) => void): Promise<World> {
  const random = demo.seededRandom(20260);
  let t = performance.now();
  const lap = (what: string) => {
    log(`  ${what} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    t = performance.now();
  };
  await seedDemoRegion(deps);
  const allianceId = (await deps.db.selectFrom('alliance').select('id').where('name', '=', DEMO_ALLIANCE).executeTakeFirstOrThrow()).id;
  lap('demo region seeded');
  await addClients(deps, options.extraClientsPerProvider, random);
  const clients = Number((await deps.db.selectFrom('client').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  lap(`${clients} clients`);
  const alarmCentre = await createOrganisation(deps.db, BENCH, { allianceId, name: 'Alarmcentrale Drenthe', kind: 'alarm_centre' });
  const alarmKey = (await createApiKey(deps.db, alarmCentre, 'bench')).key;
  const alarmRows = await deps.db.selectFrom('client').select(['alarm_account', 'latitude', 'longitude']).where('alarm_account', 'is not', null).orderBy('alarm_account').execute();
  const alarmClients = alarmRows.map((r) => ({ account: r.alarm_account ?? '', latitude: r.latitude ?? 0, longitude: r.longitude ?? 0 }));
  const nurses = (await nightNurses(deps, allianceId, options.nurses, random)).map((n) => ({ ...n, skills: SKILL_ODDS.filter(([, p]) => random() < p).map(([s]) => s) }));
  const shift = await shiftAroundNow(deps, allianceId, options.shiftLeadMinutes);
  for (const nurse of nurses) {
    const session = await login(app, deps.db, nurse.email);
    await call(app, session, 'POST', '/api/nightcare/duty', { skills: nurse.skills });
    await call(app, session, 'POST', '/api/nightcare/position', { latitude: nurse.latitude, longitude: nurse.longitude });
  }
  lap(`${nurses.length} nurses on duty, shift ${shift.shiftClock}`);
  const visits = await planVisits(app, deps, shift, nurses, options.visitsPerNurse, random);
  lap(`${visits} visits planned`);
  const coordinatorCookie = await login(app, deps.db, 'coordinator@icare.demo');
  const coordinator = await deps.db.selectFrom('app_user as u').innerJoin('staff_role as r', 'r.user_id', 'u.id').select(['u.id', 'r.organisation_id']).where('u.email', '=', 'coordinator@icare.demo').executeTakeFirstOrThrow();
  const coordinatorCtx = await userContext(deps.db, coordinator.id, coordinator.organisation_id);
  if (!coordinatorCtx) throw new Error('no coordinator context');
  const plan = await solveNight(app, deps, coordinatorCookie, shift.night, options.solveSeconds, nurses);
  lap(`night planned by the solver: ${plan.unassigned} unassigned, per nurse ${Math.min(...plan.perNurse)}–${Math.max(...plan.perNurse)}`);
  const world = { allianceId, ...shift, coordinatorCookie, coordinatorCtx, alarmKey, alarmClients, clients, nurses };
  const busyNurses = Math.min(3, Math.floor(nurses.length / 3));
  await makeBusy(app, deps.db, world, random, busyNurses);
  return { ...world, visits, plan, busyNurses };
}
