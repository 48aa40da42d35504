import type { Role } from '../platform/access/index.js';
import { bootstrapActor } from '../platform/access/bootstrap.js';
import { userContext } from '../platform/auth/index.js';
import type { PlatformDeps } from '../platform/deps.js';
import { createAgreement, createAlliance, createOrganisation, createStaff, setSorCode } from '../modules/alliance/index.js';
import { inviteMember, openCircle, recordAdmission, startPathway } from '../modules/circles/index.js';
import { createClient, type ClientCreate } from '../modules/clients/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoLogin } from './demo-region.js';

const SEED = bootstrapActor('demo seed');
export const JAMMERBUGT_ALLIANCE = 'Sammen om Sundhed Jammerbugt';

/**
 * Denmark's "Sammen om Sundhed" (issue 13 item 9): Region Nordjylland and Jammerbugt Kommune run general
 * practice, municipal care and hospital together since the GP shortage; the regional clinic in Pandrup
 * opened on 1 June 2022 under the Health Act §233. Organisation names are real; people and SOR ids are
 * fictional (the SOR ids start 9000… so they match no real registry entry). The regional clinic is a
 * general practice run by the region, so it is seeded as `gp_post`, the kind the GP's role hangs on.
 */
const partners = [
  { key: 'region', name: 'Region Nordjylland', kind: 'region', city: 'Aalborg', sor: '900000000000001' },
  { key: 'homecare', name: 'Jammerbugt Kommune, Hjemme- og Sygepleje', kind: 'care_provider', city: 'Aabybro', sor: '900000000000002' },
  { key: 'clinic', name: 'Regionsklinikken Pandrup', kind: 'gp_post', city: 'Pandrup', sor: '900000000000003' },
  { key: 'hospital', name: 'Aalborg Universitetshospital', kind: 'hospital', city: 'Aalborg', sor: '900000000000004' },
] as const;
type PartnerKey = (typeof partners)[number]['key'];

const staff: { label: string; email: string; name: string; organisation: PartnerKey; roles: Role[] }[] = [
  { label: 'Home-care coordinator (Jammerbugt Kommune; choose "Sammen om Sundhed Jammerbugt")', email: 'hjemmepleje@jammerbugt.demo', name: 'Lene Sørensen', organisation: 'homecare', roles: ['coordinator'] },
  { label: 'Acute nurse (Jammerbugt Kommune)', email: 'sygeplejerske@jammerbugt.demo', name: 'Mads Kristensen', organisation: 'homecare', roles: ['nurse'] },
  { label: 'Practice nurse (Regionsklinikken Pandrup)', email: 'klinik@pandrup.demo', name: 'Anne Mortensen', organisation: 'clinic', roles: ['coordinator'] },
  { label: 'Discharge nurse (Aalborg Universitetshospital)', email: 'udskrivning@aauh.demo', name: 'Jonas Pedersen', organisation: 'hospital', roles: ['nurse'] },
];

/** Fictional citizens of Jammerbugt (real towns), each with a CPR number that is valid in form and date only. */
const citizens: Pick<ClientCreate, 'givenName' | 'familyName' | 'dateOfBirth' | 'cpr' | 'street' | 'houseNumber' | 'postcode' | 'city' | 'latitude' | 'longitude'>[] = [
  { givenName: 'Karen', familyName: 'Nielsen', dateOfBirth: '1938-04-12', cpr: '120438-1116', street: 'Vestergade', houseNumber: '14', postcode: '9490', city: 'Pandrup', latitude: 57.2226, longitude: 9.6781 },
  { givenName: 'Poul', familyName: 'Christensen', dateOfBirth: '1941-11-03', cpr: '031141-2231', street: 'Østergade', houseNumber: '7', postcode: '9440', city: 'Aabybro', latitude: 57.1625, longitude: 9.7306 },
  { givenName: 'Inger', familyName: 'Larsen', dateOfBirth: '1935-07-21', cpr: '210735-1342', street: 'Torvegade', houseNumber: '3', postcode: '9460', city: 'Brovst', latitude: 57.0969, longitude: 9.5219 },
  { givenName: 'Erik', familyName: 'Andersen', dateOfBirth: '1944-01-30', cpr: '300144-3459', street: 'Østergade', houseNumber: '22', postcode: '9690', city: 'Fjerritslev', latitude: 57.0881, longitude: 9.2664 },
];

/** The third demo alliance: Danish, on explicit consent, in Europe/Copenhagen, with a running discharge pathway. Once. */
export async function seedJammerbugtDemo(deps: PlatformDeps): Promise<DemoLogin[]> {
  const logins = [...staff.map((s) => ({ role: s.label, email: s.email })), { role: 'Citizen running the demo circle (fictional daughter; sign-in link in the outbox)', email: 'mette.nielsen@borger.demo' }];
  const { db } = deps;
  if (await db.selectFrom('alliance').select('id').where('name', '=', JAMMERBUGT_ALLIANCE).executeTakeFirst()) return logins;
  const allianceId = await createAlliance(db, SEED, { name: JAMMERBUGT_ALLIANCE, region: 'Region Nordjylland, Jammerbugt Kommune', timeZone: 'Europe/Copenhagen', consentModel: 'explicit_consent' });
  const ids = new Map<PartnerKey, string>();
  for (const p of partners) {
    const id = await createOrganisation(db, SEED, { allianceId, name: p.name, kind: p.kind, city: p.city });
    await setSorCode(db, id, p.sor);
    await createAgreement(db, SEED, { allianceId, organisationId: id, purposes: ['care_network'], startsOn: '2022-06-01', signedBy: `Direktion, ${p.name}` });
    ids.set(p.key, id);
  }
  const id = (key: PartnerKey) => ids.get(key) ?? '';
  const sealedTotp = deps.secretBox.seal(DEMO_TOTP_SECRET);
  for (const s of staff) {
    const userId = await createStaff(db, SEED, id(s.organisation), { email: s.email, name: s.name, password: DEMO_PASSWORD, roles: s.roles });
    await db.updateTable('app_user').set({ totp_secret_enc: sealedTotp, totp_enabled: true }).where('id', '=', userId).execute();
  }
  const coordinator = await db.selectFrom('app_user').select('id').where('email', '=', 'hjemmepleje@jammerbugt.demo').executeTakeFirstOrThrow();
  const base = await userContext(db, coordinator.id, id('homecare'));
  if (!base) throw new Error('No Jammerbugt coordinator context');
  const ctx = { ...base, allianceId };
  const clientIds: string[] = [];
  for (const c of citizens) {
    clientIds.push(await createClient(deps, ctx, { ...c, municipality: 'Jammerbugt', districtNursing: true, personalAlarm: false, nightSummary: {}, contacts: [{ name: 'Pårørende (fiktiv)', relation: 'datter', phone: '+4598000000' }] } as ClientCreate));
  }
  await seedDischargeCircle(deps, ctx, clientIds[0] ?? '', id);
  return logins;
}

/**
 * Karen Nielsen's circle, run by her (fictional) daughter: home care, the clinic and the hospital as
 * members with her consent; she was admitted to Aalborg University Hospital and discharged yesterday
 * afternoon, so the discharge pathway runs: the home visit is due, the clinic's follow-up within 7 days.
 */
async function seedDischargeCircle(deps: PlatformDeps, ctx: Parameters<typeof openCircle>[1], clientId: string, id: (key: PartnerKey) => string): Promise<void> {
  await openCircle(deps, ctx, clientId, { relation: 'representative', name: 'Mette Nielsen (fiktiv)', email: 'mette.nielsen@borger.demo' });
  const formal = [
    { kind: 'home_care', organisation: 'homecare', name: 'Hjemmeplejen Pandrup' },
    { kind: 'gp_practice', organisation: 'clinic', name: 'Regionsklinikken Pandrup' },
    { kind: 'hospital_contact', organisation: 'hospital', name: 'AAUH, udskrivningskoordinator' },
  ] as const;
  for (const member of formal) {
    await inviteMember(deps, ctx, clientId, { type: 'formal', kind: member.kind, name: member.name, organisationId: id(member.organisation), scopes: ['circle_plan', 'circle_tasks', 'circle_messages'] });
  }
  await recordAdmission(deps, ctx, clientId, true);
  await recordAdmission(deps, ctx, clientId, false);
  await startPathway(deps, ctx, clientId, 'hospital_discharge', new Date(Date.now() - 20 * 3600_000));
}
