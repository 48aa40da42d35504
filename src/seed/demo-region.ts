import type { Role } from '../platform/access/index.js';
import { ensureCitizen, userContext } from '../platform/auth/index.js';
import type { PlatformDeps } from '../platform/deps.js';
import { addTeamMember, createAgreement, createAlliance, createOrganisation, createStaff } from '../modules/alliance/index.js';
import { CSV_COLUMNS, importClientsCsv } from '../modules/clients/index.js';
import { setGpPostAreas } from '../modules/nightcare/index.js';
import * as data from './demo-data.js';
import { seedNightHistory } from './night-history.js';
import { bootstrapActor } from '../platform/access/bootstrap.js';

/** The demo seed creates organisations and staff as the platform's bootstrap, not as any staff member. */
const SEED = bootstrapActor('demo seed');

export const DEMO_ALLIANCE = 'Nachtzorg Zuid-Drenthe';
export const DEMO_PASSWORD = 'Samenzorg-demo-2026';
/** A client's informal caregiver with a citizen account: signs in at /burger; without SMTP the link is on the outbox page. */
export const DEMO_CITIZEN_EMAIL = 'mantelzorger@burger.demo';
/** One shared, published TOTP secret: demo accounts only, never in a real alliance. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CLIENTS_PER_PROVIDER = 400;

export interface DemoLogin {
  role: string;
  email: string;
}

export interface DemoRegion {
  allianceName: string;
  password: string;
  totpSecret: string;
  logins: DemoLogin[];
}

interface StaffSpec {
  label: string;
  email: string;
  name: string;
  organisation: string;
  roles: Role[];
  nightTeam?: boolean;
}

const staff: StaffSpec[] = [
  { label: 'Alliance administrator (Icare)', email: 'beheer@icare.demo', name: 'Wilma Zijlstra', organisation: 'Icare', roles: ['alliance_admin', 'organisation_admin'] },
  // DESIGN.md §1: the night team is staffed by Icare and Tangenborgh; the five partners' clients are its users.
  { label: 'Night coordinator (Icare)', email: 'coordinator@icare.demo', name: 'Henk Stoter', organisation: 'Icare', roles: ['coordinator'], nightTeam: true },
  { label: 'Night nurse (Tangenborgh)', email: 'nurse1@tangenborgh.demo', name: 'Sanne Bos', organisation: 'Tangenborgh', roles: ['nurse'], nightTeam: true },
  { label: 'Night nurse (Tangenborgh)', email: 'nurse2@tangenborgh.demo', name: 'Erik Wolters', organisation: 'Tangenborgh', roles: ['nurse'], nightTeam: true },
  { label: 'Night nurse (Tangenborgh)', email: 'nurse3@tangenborgh.demo', name: 'Lieke Snijders', organisation: 'Tangenborgh', roles: ['nurse'], nightTeam: true },
  { label: 'Night nurse (Icare)', email: 'nurse1@icare.demo', name: 'Mirjam Oldenhuis', organisation: 'Icare', roles: ['nurse'], nightTeam: true },
  { label: 'Night nurse (Icare)', email: 'nurse2@icare.demo', name: 'Bas Kuipers', organisation: 'Icare', roles: ['nurse'], nightTeam: true },
  { label: 'Night nurse (Icare)', email: 'nurse3@icare.demo', name: 'Ingrid Hadders', organisation: 'Icare', roles: ['nurse'], nightTeam: true },
  { label: 'GP post triagist (Huisartsenpost Emmen)', email: 'triage@hap-emmen.demo', name: 'Anouk Meijering', organisation: 'Huisartsenpost Emmen', roles: ['coordinator'] },
  ...data.careProviders.flatMap((p) => [
    { label: `Organisation admin (${p.name})`, email: `admin@${p.slug}.demo`, name: `Beheerder ${p.name}`, organisation: p.name, roles: ['organisation_admin'] as Role[] },
    { label: `Day coordinator (${p.name})`, email: `dag@${p.slug}.demo`, name: `Dagcoördinator ${p.name}`, organisation: p.name, roles: ['coordinator'] as Role[] },
  ]),
];

const quote = (value: string | number) => (/[",;\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

/** A CSV of fictional clients for one provider, in the import format, so seeding takes the same road as a real import. */
function clientsCsv(providerIndex: number, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const rows = [CSV_COLUMNS.join(',')];
  for (let i = 0; i < CLIENTS_PER_PROVIDER; i++) {
    const town = pick(data.towns);
    const born = new Date(Date.UTC(1925 + Math.floor(random() * 28), Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
    const hasAlarm = random() < 0.7;
    const given = pick(data.givenNames);
    const family = pick(data.familyNames);
    const letters = String.fromCharCode(65 + Math.floor(random() * 26), 65 + Math.floor(random() * 26));
    const record: Record<(typeof CSV_COLUMNS)[number], string | number> = {
      given_name: given,
      family_name: family,
      date_of_birth: born.toISOString().slice(0, 10),
      street: pick(data.streets),
      house_number: 1 + Math.floor(random() * 180),
      postcode: `${town.postcode + Math.floor(random() * 8)} ${letters}`,
      city: town.city,
      municipality: town.municipality,
      latitude: (town.lat + (random() - 0.5) * 0.04).toFixed(5),
      longitude: (town.lon + (random() - 0.5) * 0.06).toFixed(5),
      phone: `+31 592 ${String(100000 + Math.floor(random() * 899999))}`,
      // The night team serves clients with district nursing and/or a personal alarm: every demo client has one.
      district_nursing: !hasAlarm || random() < 0.7 ? 'ja' : 'nee',
      personal_alarm: hasAlarm ? 'ja' : 'nee',
      alarm_account: hasAlarm ? `${(providerIndex + 1).toString(16)}${(0x10000 + i).toString(16).toUpperCase()}` : '',
      alarm_device: hasAlarm ? pick(['Halsalarm', 'Polsalarm met valdetectie', 'Spreek-luisterverbinding']) : '',
      key_safe_code: random() < 0.75 ? String(1000 + Math.floor(random() * 8999)) : '',
      key_safe_location: 'Naast de voordeur',
      gp_name: `Huisartsenpraktijk ${town.city}`,
      gp_phone: `+31 591 ${String(100000 + Math.floor(random() * 899999))}`,
      risks: data.risks.filter(() => random() < 0.2).join(';'),
      allergies: random() < 0.2 ? pick(['Penicilline', 'Pleisters', 'Noten', 'Jodium']) : '',
      medication: pick(data.medications),
      wishes: random() < 0.3 ? 'Niet reanimeren' : '',
      instructions: pick(data.instructions),
      contact_name: `${pick(data.givenNames)} ${family}`,
      contact_relation: pick(data.relations),
      contact_phone: `+31 6 ${String(10000000 + Math.floor(random() * 89999999))}`,
      client_number: `${(providerIndex + 1) * 100000 + i}`,
    };
    rows.push(CSV_COLUMNS.map((c) => quote(record[c])).join(','));
  }
  return rows.join('\n');
}

const summary = (): DemoRegion => ({
  allianceName: DEMO_ALLIANCE,
  password: DEMO_PASSWORD,
  totpSecret: DEMO_TOTP_SECRET,
  logins: staff.filter((s) => !s.label.startsWith('Day coordinator')).map((s) => ({ role: s.label, email: s.email })),
});

/** Seeds the demo region of DESIGN.md §8 once; later starts find it and only print the logins. */
export async function seedDemoRegion(deps: PlatformDeps): Promise<DemoRegion> {
  const { db, secretBox } = deps;
  const existing = await db.selectFrom('alliance').select('id').where('name', '=', DEMO_ALLIANCE).executeTakeFirst();
  if (existing) return summary();
  const allianceId = await createAlliance(db, SEED, { name: DEMO_ALLIANCE, region: 'Zuid-Drenthe' });
  const organisations = new Map<string, string>();
  const addOrganisation = async (name: string, kind: 'care_provider' | 'gp_post' | 'municipality', city?: string) =>
    organisations.set(name, await createOrganisation(db, SEED, { allianceId, name, kind, city }));
  for (const p of data.careProviders) await addOrganisation(p.name, 'care_provider', p.city);
  for (const name of data.gpPosts) await addOrganisation(name, 'gp_post');
  for (const name of data.municipalities) await addOrganisation(`Gemeente ${name}`, 'municipality', name);
  for (const [name, id] of organisations) {
    if (name.startsWith('Gemeente')) continue;
    await createAgreement(db, SEED, { allianceId, organisationId: id, purposes: ['nightcare'], startsOn: '2026-01-01', signedBy: `Bestuurder ${name}` });
  }
  const sealedTotp = secretBox.seal(DEMO_TOTP_SECRET);
  for (const s of staff) {
    const organisationId = organisations.get(s.organisation) ?? '';
    const userId = await createStaff(db, SEED, organisationId, { email: s.email, name: s.name, password: DEMO_PASSWORD, roles: s.roles });
    await db.updateTable('app_user').set({ totp_secret_enc: sealedTotp, totp_enabled: true }).where('id', '=', userId).execute();
    if (s.nightTeam) await addTeamMember(db, { allianceId, teamName: 'Regionaal nachtteam', userId, organisationId });
  }
  await seedGpPostAreas(deps, organisations);
  await ensureCitizen(db, { allianceId, email: DEMO_CITIZEN_EMAIL, name: 'Anna de Vries' });
  const random = data.seededRandom(2026);
  for (const [index, provider] of data.careProviders.entries()) {
    const organisationId = organisations.get(provider.name) ?? '';
    const coordinator = await db.selectFrom('app_user').select('id').where('email', '=', `dag@${provider.slug}.demo`).executeTakeFirstOrThrow();
    const ctx = await userContext(db, coordinator.id, organisationId);
    if (!ctx) throw new Error(`No context for ${provider.name}`);
    await importClientsCsv(deps, ctx, clientsCsv(index, random));
  }
  await seedHistory(deps, allianceId, organisations);
  return summary();
}

/** Generated nights of the night team (night-history.ts), with the seeded staff in their roles. */
async function seedHistory(deps: PlatformDeps, allianceId: string, organisations: Map<string, string>): Promise<void> {
  const idOf = async (email: string) => (await deps.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const nurses = await Promise.all(
    staff.filter((s) => s.nightTeam && s.roles.includes('nurse')).map(async (s) => ({ userId: await idOf(s.email), organisationId: organisations.get(s.organisation) ?? '' })),
  );
  const dayCoordinators = new Map(await Promise.all(data.careProviders.map(async (p) => [organisations.get(p.name) ?? '', await idOf(`dag@${p.slug}.demo`)] as const)));
  await seedNightHistory(deps.db, { allianceId, timeZone: 'Europe/Amsterdam', nurses, coordinatorId: await idOf('coordinator@icare.demo'), dayCoordinators });
}

/** Which GP post covers which postcodes (the 4-digit part), for escalations from the night team. */
async function seedGpPostAreas(deps: PlatformDeps, organisations: Map<string, string>): Promise<void> {
  const admin = await deps.db.selectFrom('app_user').select('id').where('email', '=', 'beheer@icare.demo').executeTakeFirstOrThrow();
  const ctx = await userContext(deps.db, admin.id, organisations.get('Icare') ?? '');
  if (!ctx) throw new Error('No alliance administrator context');
  // Coevorden has no post of its own: its postcodes go to Emmen.
  const areas: [string, [number, number][]][] = [
    ['Huisartsenpost Emmen', [[7700, 7899]]],
    ['Huisartsenpost Hoogeveen', [[7900, 7939]]],
    ['Huisartsenpost Meppel', [[7940, 7999]]],
    ['Huisartsenpost Assen', [[9400, 9499]]],
  ];
  for (const [name, ranges] of areas) {
    await setGpPostAreas(deps, ctx, { gpPostId: organisations.get(name) ?? '', ranges: ranges.map(([from, to]) => ({ from, to })) });
  }
}
