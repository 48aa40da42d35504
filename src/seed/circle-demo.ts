import { bootstrapActor } from '../platform/access/bootstrap.js';
import { userContext } from '../platform/auth/index.js';
import type { PlatformDeps } from '../platform/deps.js';
import { createAgreement, createOrganisation } from '../modules/alliance/index.js';
import { circleSettings, createTask, inviteMember, openCircle, postHelp, sendMessage, writePlan } from '../modules/circles/index.js';
import { addAmbition, addCommitment, addPartner, createNeighbourhood, reportProgress } from '../modules/neighbourhoods/index.js';
import { DEMO_ALLIANCE, DEMO_CITIZEN_EMAIL } from './demo-region.js';

const SEED = bootstrapActor('demo seed');
export const DEMO_NEIGHBOURHOOD = 'emmen-angelslo';

const day = 86_400_000;

/** A staff member's acting context by their demo e-mail. */
async function staffContext(deps: PlatformDeps, email: string) {
  const user = await deps.db.selectFrom('app_user as u').innerJoin('staff_role as r', 'r.user_id', 'u.id').select(['u.id', 'r.organisation_id']).where('u.email', '=', email).executeTakeFirstOrThrow();
  const ctx = await userContext(deps.db, user.id, user.organisation_id);
  if (!ctx) throw new Error(`No context for ${email}`);
  return ctx;
}

/**
 * Issue 13 in the night region: one care circle run by the demo informal caregiver (Anna de Vries, at
 * /burger), with a neighbour, the GP post and the municipality, a plan, tasks, a request and an offer of
 * help and a message; and the neighbourhood partnership of Angelslo (Emmen) with its public page at
 * /wijk/emmen-angelslo. People, ambitions and figures are fictional and labelled so.
 */
export async function seedCircleDemo(deps: PlatformDeps): Promise<void> {
  const { db } = deps;
  if (await db.selectFrom('neighbourhood').select('id').where('slug', '=', DEMO_NEIGHBOURHOOD).executeTakeFirst()) return;
  const alliance = await db.selectFrom('alliance').select('id').where('name', '=', DEMO_ALLIANCE).executeTakeFirstOrThrow();
  const orgId = async (name: string) => (await db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const [icare, gp, emmen] = [await orgId('Icare'), await orgId('Huisartsenpost Emmen'), await orgId('Gemeente Emmen')];
  for (const organisationId of [icare, gp, emmen]) {
    await createAgreement(db, SEED, { allianceId: alliance.id, organisationId, purposes: ['care_network'], startsOn: '2026-01-01', signedBy: 'Bestuurder (demo)' });
  }
  const coordinator = await staffContext(deps, 'dag@icare.demo');
  const client = await db.selectFrom('client').select('id').where('organisation_id', '=', icare).orderBy('client_number').limit(1).executeTakeFirstOrThrow();
  await openCircle(deps, coordinator, client.id, { relation: 'representative', name: 'Anna de Vries', email: DEMO_CITIZEN_EMAIL });
  await inviteMember(deps, coordinator, client.id, { type: 'informal', kind: 'neighbour', name: 'Gerrit Hulst (buurman)', email: 'buurman@burger.demo', scopes: ['circle_tasks', 'circle_messages'] });
  await inviteMember(deps, coordinator, client.id, { type: 'formal', kind: 'gp_practice', name: 'Huisartsenpost Emmen', organisationId: gp, scopes: ['circle_plan', 'circle_tasks', 'circle_messages'] });
  await inviteMember(deps, coordinator, client.id, { type: 'formal', kind: 'municipal_consultant', name: 'Gemeente Emmen (Wmo)', organisationId: emmen, scopes: ['circle_tasks'] });
  await writePlan(deps, coordinator, client.id, {
    whatMatters: 'Thuis blijven wonen, in mijn eigen stoel bij het raam, en elke week naar de koffieochtend in de buurtkamer.',
    goals: [
      { text: 'Zelf de boodschappen kiezen', theme: 'self_reliance', met: false },
      { text: 'Elke week naar de koffieochtend', theme: 'neighbourhood', met: true },
    ],
    agreements: [{ text: 'Gerrit rijdt mee naar controles in het ziekenhuis', owner: 'Gerrit Hulst' }],
    reviewOn: new Date(Date.now() + 30 * day).toISOString().slice(0, 10),
    baseVersion: 0,
  });
  const now = Date.now();
  await createTask(deps, coordinator, client.id, { title: 'Medicijnen ophalen bij de apotheek', competence: null, place: 'home', windowStart: new Date(now).toISOString(), windowEnd: new Date(now + 2 * day).toISOString() });
  await postHelp(deps, coordinator, client.id, { direction: 'request', kind: 'lift', title: 'Rit naar het ziekenhuis in Emmen voor controle' });
  await postHelp(deps, coordinator, client.id, { direction: 'offer', kind: 'company', title: 'Samen de krant lezen en koffie drinken' });
  await sendMessage(deps, circleSettings(), coordinator, client.id, { text: 'Welkom in de zorgkring. Hier spreken we af wie wat doet. (Voorbeeldbericht)', attachments: [] });
  await seedNeighbourhood(deps, alliance.id, { icare, gp, emmen });
}

async function seedNeighbourhood(deps: PlatformDeps, allianceId: string, orgs: { icare: string; gp: string; emmen: string }): Promise<void> {
  const { db } = deps;
  const admin = await staffContext(deps, 'beheer@icare.demo');
  const housing = await createOrganisation(db, SEED, { allianceId, name: 'Domesta', kind: 'housing', city: 'Emmen' });
  const welfare = await createOrganisation(db, SEED, { allianceId, name: 'Sedna', kind: 'welfare', city: 'Emmen' });
  const id = await createNeighbourhood(db, SEED, {
    allianceId,
    slug: DEMO_NEIGHBOURHOOD,
    name: 'Angelslo',
    municipality: 'Emmen',
    postcodes: ['7824'],
    intro: 'In Angelslo werken zorg, welzijn, de woningcorporatie, de gemeente en de huisarts samen. Zo kunnen ouderen langer prettig thuis wonen, in hun eigen buurt.',
    fictional: true,
  });
  for (const organisationId of [orgs.icare, welfare, housing, orgs.emmen, orgs.gp]) await addPartner(db, admin, id, organisationId);
  const ambitions: [string, string, [string, string, number][]][] = [
    ['Niemand is alleen', 'Elke oudere in de wijk kent iemand bij wie hij of zij terecht kan.', [
      [welfare, 'Elke week een koffieochtend in de buurtkamer', 100],
      [orgs.icare, 'Elke cliënt met thuiszorg krijgt een zorgkring aangeboden', 45],
    ]],
    ['Veilig thuis wonen', 'Woningen zijn geschikt om oud in te worden.', [
      [housing, '120 woningen krijgen een drempelvrije douche', 30],
      [orgs.emmen, 'Wmo-gesprek binnen 14 dagen na ontslag uit het ziekenhuis', 70],
    ]],
    ['Op tijd de juiste zorg', 'De huisarts, de thuiszorg en de gemeente weten van elkaar wat ze doen.', [
      [orgs.gp, 'Praktijkondersteuner op huisbezoek binnen 7 dagen na ontslag', 60],
    ]],
  ];
  for (const [position, [title, description, commitments]] of ambitions.entries()) {
    const ambitionId = await addAmbition(db, admin, id, { title, description, position });
    for (const [organisationId, text, progress] of commitments) {
      const commitmentId = await addCommitment(db, admin, id, { ambitionId, organisationId, text, dueOn: '2027-12-31' });
      await reportProgress(db, admin, id, commitmentId, progress, '');
    }
  }
}
