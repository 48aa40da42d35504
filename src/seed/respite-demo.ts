import { formatInTimeZone } from 'date-fns-tz';
import type { Role } from '../platform/access/index.js';
import { bootstrapActor } from '../platform/access/bootstrap.js';
import { userContext } from '../platform/auth/index.js';
import type { PlatformDeps } from '../platform/deps.js';
import { createAgreement, createAlliance, createOrganisation, createStaff, joinAlliance } from '../modules/alliance/index.js';
import { createClient } from '../modules/clients/index.js';
import { addLocation, generateHistory, setIntakeRoutes, type LocationCreate } from '../modules/respite/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoLogin } from './demo-region.js';
import * as data from './demo-data.js';
import { respiteLocations } from './respite-locations.js';

const SEED = bootstrapActor('demo seed');
export const RESPITE_ALLIANCE = 'Logeerzorg Assen en Midden-Drenthe';

/** The pilot's municipalities are not the night alliance's: its own towns (real places, fictional people). */
const RESPITE_TOWNS = [
  { city: 'Assen', municipality: 'Assen', postcode: 9401, lat: 52.9928, lon: 6.5625 },
  { city: 'Beilen', municipality: 'Midden-Drenthe', postcode: 9411, lat: 52.8625, lon: 6.5139 },
  { city: 'Westerbork', municipality: 'Midden-Drenthe', postcode: 9431, lat: 52.85, lon: 6.6083 },
  { city: 'Smilde', municipality: 'Midden-Drenthe', postcode: 9422, lat: 52.9536, lon: 6.4519 },
] as const;

/** The pilot's partners (issue 12); Icare is the same organisation as in night care. */
const partners: { name: string; kind: Parameters<typeof createOrganisation>[2]['kind']; city?: string }[] = [
  { name: 'Gemeente Assen', kind: 'municipality', city: 'Assen' },
  { name: 'Gemeente Midden-Drenthe', kind: 'municipality', city: 'Beilen' },
  { name: 'Zilveren Kruis', kind: 'insurer' },
  { name: 'Icare', kind: 'care_provider' },
  { name: 'Denktank 60+', kind: 'older_persons_organisation' },
  { name: 'Huisartsenzorg Drenthe', kind: 'gp_post' },
  { name: 'Vaart Welzijn', kind: 'welfare', city: 'Assen' },
  { name: 'UMCG', kind: 'hospital', city: 'Groningen' },
  { name: 'Proscoop', kind: 'regional_support' },
  { name: 'Trendbureau Drenthe', kind: 'knowledge_institute' },
];

const staff: { label: string; email: string; name: string; organisation: string; roles: Role[] }[] = [
  { label: 'Respite coordinator (Icare; choose the respite alliance)', email: 'logeerzorg@icare.demo', name: 'Janneke Hoekstra', organisation: 'Icare', roles: ['coordinator'] },
  { label: 'Wmo consultant (Gemeente Assen)', email: 'wmo@assen.demo', name: 'Rik Oosterhuis', organisation: 'Gemeente Assen', roles: ['coordinator'] },
  { label: 'Caregiver consultant (Vaart Welzijn)', email: 'mantelzorg@vaartwelzijn.demo', name: 'Fatima El Amrani', organisation: 'Vaart Welzijn', roles: ['coordinator'] },
  { label: 'Practice nurse (Huisartsenzorg Drenthe): refers overburdened caregivers', email: 'poh@huisartsenzorgdrenthe.demo', name: 'Sanne Bakker', organisation: 'Huisartsenzorg Drenthe', roles: ['coordinator'] },
  { label: 'Analyst (Zilveren Kruis): anonymised respite figures only', email: 'analyse@zilverenkruis.demo', name: 'Pieter Mulder', organisation: 'Zilveren Kruis', roles: ['coordinator'] },
  { label: 'Denktank 60+: anonymised respite figures only', email: 'denktank@denktank60plus.demo', name: 'Greet Hofstra', organisation: 'Denktank 60+', roles: ['coordinator'] },
  { label: 'Researcher (Trendbureau Drenthe): codes the questionnaires', email: 'onderzoek@trendbureau.demo', name: 'Youssef Haddou', organisation: 'Trendbureau Drenthe', roles: ['coordinator'] },
];

/** The second demo alliance: respite in Assen and Midden-Drenthe, with generated history. Once. */
export async function seedRespiteDemo(deps: PlatformDeps): Promise<DemoLogin[]> {
  const logins = staff.map((s) => ({ role: s.label, email: s.email }));
  const { db } = deps;
  if (await db.selectFrom('alliance').select('id').where('name', '=', RESPITE_ALLIANCE).executeTakeFirst()) return logins;
  const allianceId = await createAlliance(db, SEED, { name: RESPITE_ALLIANCE, region: 'Assen en Midden-Drenthe' });
  const ids = new Map<string, string>();
  for (const p of partners) {
    const existing = await db.selectFrom('organisation').select('id').where('name', '=', p.name).executeTakeFirst();
    if (existing) await joinAlliance(db, SEED, allianceId, existing.id);
    ids.set(p.name, existing?.id ?? (await createOrganisation(db, SEED, { allianceId, name: p.name, kind: p.kind, city: p.city })));
  }
  const id = (name: string) => ids.get(name) ?? '';
  for (const name of ['Icare', 'Vaart Welzijn', 'Gemeente Assen', 'Gemeente Midden-Drenthe']) {
    await createAgreement(db, SEED, { allianceId, organisationId: id(name), purposes: ['respite'], startsOn: '2026-01-01', signedBy: `Bestuurder ${name}` });
  }
  const sealedTotp = deps.secretBox.seal(DEMO_TOTP_SECRET);
  for (const s of staff) {
    const userId = await createStaff(db, SEED, id(s.organisation), { email: s.email, name: s.name, password: DEMO_PASSWORD, roles: s.roles });
    await db.updateTable('app_user').set({ totp_secret_enc: sealedTotp, totp_enabled: true }).where('id', '=', userId).execute();
  }
  await setIntakeRoutes(db, SEED, allianceId, [
    { municipality: 'Assen', route: 'wmo', organisationId: id('Gemeente Assen'), email: 'wmo@assen.demo', phone: '14 0592' },
    { municipality: 'Midden-Drenthe', route: 'wmo', organisationId: id('Gemeente Midden-Drenthe'), email: 'wmo@middendrenthe.demo', phone: '14 0593' },
    { municipality: 'Assen', route: 'caregiver_support', organisationId: id('Vaart Welzijn'), email: 'mantelzorg@vaartwelzijn.demo', phone: '0592 - 39 47 00' },
    { municipality: 'Midden-Drenthe', route: 'caregiver_support', organisationId: id('Vaart Welzijn'), email: 'mantelzorg@vaartwelzijn.demo', phone: '0592 - 39 47 00' },
  ]);
  const coordinator = await db.selectFrom('app_user').select('id').where('email', '=', 'logeerzorg@icare.demo').executeTakeFirstOrThrow();
  const base = await userContext(db, coordinator.id, id('Icare'));
  if (!base) throw new Error('No respite coordinator context');
  const ctx = { ...base, allianceId };
  const respite = { ...deps, now: () => new Date(), notify: async () => undefined };
  for (const location of respiteLocations) await addLocation(respite, ctx, location satisfies LocationCreate);
  const random = data.seededRandom(1912);
  const clientIds: string[] = [];
  for (let i = 0; i < 40; i++) {
    const town = RESPITE_TOWNS[i % RESPITE_TOWNS.length]!;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    clientIds.push(
      await createClient(deps, ctx, {
        givenName: pick(data.givenNames), familyName: pick(data.familyNames), dateOfBirth: `19${30 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        street: pick(data.streets), houseNumber: String(1 + Math.floor(random() * 120)), postcode: `${town.postcode} AB`, city: town.city, municipality: town.municipality,
        latitude: town.lat, longitude: town.lon, districtNursing: true, personalAlarm: false, nightSummary: {}, contacts: [{ name: 'Mantelzorger (gegenereerd)', relation: 'partner', phone: '+31600000000' }],
      } as Parameters<typeof createClient>[2]),
    );
  }
  await generateHistory(db, SEED, { allianceId, clientIds, today: formatInTimeZone(new Date(), 'Europe/Amsterdam', 'yyyy-MM-dd'), random, months: 4 });
  return logins;
}
