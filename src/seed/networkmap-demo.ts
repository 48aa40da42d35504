import type { Role } from '../platform/access/index.js';
import { bootstrapActor } from '../platform/access/bootstrap.js';
import type { PlatformDeps } from '../platform/deps.js';
import { createAlliance, createOrganisation, createStaff, joinAlliance } from '../modules/alliance/index.js';
import { addInitiativeDirectly, addNeedDirectly, addNetworkRegion, addResourceDirectly, addScanDirectly } from '../modules/networkmap/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoLogin } from './demo-region.js';
import { demoInitiatives } from './networkmap-initiatives.js';
import { networks } from './networkmap-regions.js';
import { demoNeeds, demoResources, demoScans } from './networkmap-resources.js';
import * as data from './demo-data.js';

const SEED = bootstrapActor('demo seed');
export const NETWORKMAP_ALLIANCE = 'Netwerken Palliatieve Zorg Drenthe';

/** The national bodies and a centre for spiritual care; real names, fictional people. */
const others: { name: string; kind: 'national_support_body' | 'spiritual_care_centre' }[] = [
  { name: 'Agora', kind: 'national_support_body' },
  { name: 'Fibula', kind: 'national_support_body' },
  { name: 'Centrum voor Zingeving Drenthe', kind: 'spiritual_care_centre' },
];

/** The network coordinator belongs to a palliative-care network (issue 14), not to a municipality. */
const staff: { label: string; email: string; name: string; organisation: string; roles: Role[] }[] = [
  ...networks.map((n, i) => ({ label: `Network coordinator (${n.name})`, email: `coordinator@npz-${n.slug}.demo`, name: ['Hennie Lanting', 'Roelfien Kamphuis', 'Marten Hoving'][i] ?? 'Coördinator', organisation: n.name, roles: ['network_coordinator'] as Role[] })),
  { label: 'National support body (Agora)', email: 'adviseur@agora.demo', name: 'Fenna Drenth', organisation: 'Agora', roles: ['coordinator'] },
];

async function organisation(deps: PlatformDeps, allianceId: string, name: string, kind: Parameters<typeof createOrganisation>[2]['kind']) {
  const existing = await deps.db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirst();
  if (!existing) return createOrganisation(deps.db, SEED, { allianceId, name, kind });
  await joinAlliance(deps.db, SEED, allianceId, existing.id);
  return existing.id;
}

/** The third demo alliance: Drenthe's palliative-care networks, their regions and two dozen fictional initiatives. Once. */
export async function seedNetworkMapDemo(deps: PlatformDeps): Promise<DemoLogin[]> {
  const logins = staff.map((s) => ({ role: s.label, email: s.email }));
  const { db } = deps;
  if (await db.selectFrom('alliance').select('id').where('name', '=', NETWORKMAP_ALLIANCE).executeTakeFirst()) return logins;
  const allianceId = await createAlliance(db, SEED, { name: NETWORKMAP_ALLIANCE, region: 'Drenthe' });
  const ids = new Map<string, string>();
  const municipalityIds = new Map<string, string>();
  for (const n of networks) {
    const networkId = await organisation(deps, allianceId, n.name, 'palliative_care_network');
    ids.set(n.name, networkId);
    for (const [name, id] of await addNetworkRegion(db, { allianceId, networkId, province: 'Drenthe', municipalities: n.municipalities })) municipalityIds.set(name, id);
  }
  for (const o of others) ids.set(o.name, await organisation(deps, allianceId, o.name, o.kind));
  const sealedTotp = deps.secretBox.seal(DEMO_TOTP_SECRET);
  const userOf = new Map<string, string>();
  for (const s of staff) {
    const userId = await createStaff(db, SEED, ids.get(s.organisation) ?? '', { email: s.email, name: s.name, password: DEMO_PASSWORD, roles: s.roles });
    await db.updateTable('app_user').set({ totp_secret_enc: sealedTotp, totp_enabled: true }).where('id', '=', userId).execute();
    userOf.set(s.organisation, userId);
  }
  const random = data.seededRandom(1414);
  for (const [index, i] of demoInitiatives.entries()) {
    const town = networks.flatMap((n) => n.municipalities).find((m) => m.name === i.municipality);
    const given = data.givenNames[index % data.givenNames.length] ?? 'Jan';
    const family = data.familyNames[(index * 7) % data.familyNames.length] ?? 'Bakker';
    await addInitiativeDirectly(db, {
      title: i.title, summary: i.summary, municipalityId: municipalityIds.get(i.municipality) ?? '', place: i.place, partners: i.partners.map(([name, kind]) => ({ name, kind })),
      themes: i.themes, targetGroups: i.targetGroups, stage: i.stage, startedOn: i.stage === 'idea' ? undefined : `202${3 + (index % 3)}-0${1 + (index % 9)}-01`,
      contactName: `${given} ${family}`, contactEmail: `${given.toLowerCase()}.${family.toLowerCase().replace(/\s/g, '')}@voorbeeld.demo`, contactPhone: `0592 ${String(100000 + index * 3571).slice(0, 6)}`,
      contactPublish: i.publishContact, links: [], files: [], films: [], wantsSupport: i.wantsSupport ?? false, fictional: true,
      // Spread around the town so the map shows clusters, not one dot per municipality.
      ...(town ? { latitude: town.latitude + (random() - 0.5) * 0.03, longitude: town.longitude + (random() - 0.5) * 0.05 } : {}),
      acceptedAt: new Date(Date.UTC(2026, index % 11, 1 + index)),
    });
  }
  await seedToolsAndDemand(db, allianceId, ids, municipalityIds, userOf);
  return logins;
}

/** Personas, a film and a document linked to initiatives; needs per municipality; quick-scan rounds. */
async function seedToolsAndDemand(db: PlatformDeps['db'], allianceId: string, ids: Map<string, string>, municipalityIds: Map<string, string>, userOf: Map<string, string>) {
  const initiativeIds = new Map((await db.selectFrom('initiative').select(['id', 'title']).where('alliance_id', '=', allianceId).execute()).map((i) => [i.title, i.id]));
  const resourceIds = new Map<string, string>();
  for (const r of demoResources) {
    const linked = r.initiatives.map((title) => initiativeIds.get(title)).filter((id): id is string => id !== undefined);
    resourceIds.set(r.key, await addResourceDirectly(db, {
      alliance_id: allianceId, organisation_id: ids.get(r.network) ?? '', kind: r.kind, title: r.title, summary: r.summary, url: r.url ?? null, themes: r.themes,
      ...(r.persona ? { persona: r.persona, made_by: r.network, conversations: 2, made_on: '2025-11-12' } : { made_by: r.network }), licence: 'CC BY 4.0', fictional: true,
    }, linked));
  }
  const networkOf = new Map(networks.flatMap((n) => n.municipalities.map((m) => [m.name, n.name] as const)));
  for (const n of demoNeeds) {
    const network = networkOf.get(n.municipality) ?? '';
    await addNeedDirectly(db, {
      alliance_id: allianceId, network_id: ids.get(network) ?? '', municipality_id: municipalityIds.get(n.municipality) ?? '', description: n.description, theme: n.theme, target_group: n.targetGroup,
      source: n.source, persona_id: n.persona ? (resourceIds.get(n.persona) ?? null) : null, noted_on: n.notedOn, created_by: userOf.get(network) ?? '',
    });
  }
  for (const [municipality, rounds] of Object.entries(demoScans)) {
    const network = networkOf.get(municipality) ?? '';
    for (const [heldOn, workTogether, findEachOther, needsAligned] of rounds) {
      await addScanDirectly(db, {
        alliance_id: allianceId, network_id: ids.get(network) ?? '', municipality_id: municipalityIds.get(municipality) ?? '', held_on: heldOn,
        work_together: workTogether, find_each_other: findEachOther, needs_aligned: needsAligned, work_together_note: '', find_each_other_note: '', needs_aligned_note: '',
        participants: `Gemeente ${municipality} en de netwerkcoördinator`, filled_by: userOf.get(network) ?? '',
      });
    }
  }
}
