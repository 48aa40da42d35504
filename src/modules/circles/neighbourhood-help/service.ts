import { withClientAccess } from '../../../platform/access/index.js';
import { appendAudit, type AuditEntry } from '../../../platform/audit/index.js';
import type { CitizenSession } from '../../../platform/auth/index.js';
import { isUniqueViolation, type Db, type Executor } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, invalid, notFound } from '../../../platform/http/index.js';
import { neighbourhoodFacts, postcodeAreasOf } from '../../clients/index.js';
import { neighbourhoodNames, neighbourhoodOfArea, neighbourhoodsOf } from '../../neighbourhoods/index.js';
import type { CircleActor } from '../actor.js';
import { requireCircle } from '../circle/service.js';
import { addEvent } from '../circle/store.js';
import { oneHelp } from '../help/store.js';
import type { ShareBody } from './schemas.js';
import * as store from './store.js';

/** The audit purpose of what neighbours outside the circle see and do: the person's own choice to share. */
const PURPOSE = 'neighbourhood_help';

/**
 * The person (or their representative, or the home organisation's coordinator on their behalf) shows
 * an open request or offer to the neighbourhood partnership of their postcode area, or stops showing
 * it. Deciding what leaves the circle is managing it, so it needs the circle's management.
 */
export async function shareHelp(deps: PlatformDeps, ctx: CircleActor, clientId: string, helpId: string, body: ShareBody): Promise<{ neighbourhood: string | null }> {
  const fields = body.share ? ['neighbourhood', ...(body.showFirstName ? ['first_name'] : []), ...(body.showTitle ? ['title'] : [])] : ['neighbourhood'];
  return withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'update', resource: 'circle_help', fields, purpose: 'care_network', sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const help = await oneHelp(trx, circle.id, helpId);
    if (!help || help.status === 'withdrawn') throw notFound('Help');
    if (!body.share) {
      await store.unshare(trx, help.id);
      await addEvent(trx, circle, { type: 'help_unshared', actor: ctx.actorName });
      return { neighbourhood: null };
    }
    if (help.status !== 'open') throw conflict(`This is ${help.status}`);
    const facts = await neighbourhoodFacts(trx, permit);
    const neighbourhood = facts.area ? await neighbourhoodOfArea(trx, permit.allianceId, facts.area) : undefined;
    if (!facts.area || !neighbourhood) throw invalid('No neighbourhood partnership covers this postcode area', [{ path: 'share', code: 'no_neighbourhood', message: 'No neighbourhood here' }]);
    await store.share(trx, help.id, { neighbourhoodId: neighbourhood.id, name: body.showFirstName ? facts.firstName : null, area: facts.area, title: body.showTitle });
    await addEvent(trx, circle, { type: 'help_shared', actor: ctx.actorName, details: { neighbourhood: neighbourhood.name } });
    return { neighbourhood: neighbourhood.name };
  });
}

/** What a signed-in citizen's neighbourhoods show them: open shared help outside their own circles. */
async function visibleHelp(executor: Executor, citizen: CitizenSession, helpId?: string) {
  const own = await store.circlesOfCitizen(executor, citizen.citizenId);
  const neighbourhoodIds = await neighbourhoodsOf(executor, citizen.citizenId, await postcodeAreasOf(executor, own.map((c) => c.client_id)));
  if (neighbourhoodIds.length === 0) return { rows: [], neighbourhoodIds };
  return { rows: await store.sharedHelp(executor, neighbourhoodIds, own.map((c) => c.id), citizen.citizenId, helpId), neighbourhoodIds };
}

/** Each shared item a neighbour sees is a read of the person's data: it lands in their "who looked at my data". */
const auditEntry = (citizen: CitizenSession, help: store.SharedHelpRow, action: 'read' | 'claim_help', outcome: 'allowed' | 'refused' = 'allowed'): AuditEntry => ({
  allianceId: help.alliance_id,
  userId: citizen.citizenId,
  userName: citizen.name,
  organisationId: null,
  role: 'citizen',
  clientId: help.client_id,
  clientOrganisationId: help.organisation_id,
  action,
  resource: 'circle_help',
  fields: ['neighbourhood', 'kind', 'postcode_area', 'day', ...(help.shared_name ? ['first_name'] : []), ...(help.title !== null ? ['title'] : [])],
  purpose: PURPOSE,
  reason: null,
  grantId: null,
  outcome,
});

export async function listNeighbourhoodHelp(db: Db, citizen: CitizenSession) {
  const { rows, neighbourhoodIds } = await visibleHelp(db, citizen);
  // The entries commit before anything is returned, so no read escapes the log.
  await appendAudit(db, rows.map((h) => auditEntry(citizen, h, 'read')));
  const names = await neighbourhoodNames(db, neighbourhoodIds);
  return rows.map((h) => ({
    id: h.id,
    direction: h.direction,
    kind: h.kind,
    title: h.title,
    wantedOn: h.wanted_on,
    partOfDay: h.part_of_day,
    shownAs: h.shared_name,
    postcodeArea: h.shared_postcode_area ?? '',
    neighbourhood: names.get(h.neighbourhood_id ?? '') ?? '',
    myClaim: h.my_claim,
  }));
}

/**
 * A neighbour offers to take up shared help. The offer opens nothing: the person or the coordinator
 * accepts it first (claims.ts). Help they cannot see reads as not found.
 */
export async function offerToTakeUp(db: Db, citizen: CitizenSession, helpId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const [help] = (await visibleHelp(trx, citizen, helpId)).rows;
    if (!help) throw notFound('Help');
    const id = await store.insertClaim(trx, help, { id: citizen.citizenId, name: citizen.name }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? conflict('You already offered to take this up') : error;
    });
    await appendAudit(trx, [auditEntry(citizen, help, 'claim_help')]);
    return id;
  });
}
