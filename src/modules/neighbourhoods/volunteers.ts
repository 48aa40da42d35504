import type { AccessContext } from '../../platform/access/index.js';
import { ensureCitizen, sendSignInLink } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/index.js';
import { assertAdmin, neighbourhoodFor } from './service.js';

/**
 * A neighbourhood's volunteers: citizens the alliance administrator registers by e-mail. They see the
 * help people in the neighbourhood chose to share there, and can offer to take it up; nothing more.
 */
export async function addVolunteer(deps: PlatformDeps, ctx: AccessContext, id: string, volunteer: { name: string; email: string }): Promise<void> {
  const n = await neighbourhoodFor(deps.db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  const citizen = await ensureCitizen(deps.db, { allianceId: n.alliance_id, email: volunteer.email, name: volunteer.name });
  await deps.db.insertInto('neighbourhood_volunteer').values({ neighbourhood_id: n.id, citizen_id: citizen.id, alliance_id: n.alliance_id }).onConflict((oc) => oc.doNothing()).execute();
  await sendSignInLink(deps, citizen, '/burger');
}

export async function listVolunteers(deps: PlatformDeps, ctx: AccessContext, id: string) {
  const n = await neighbourhoodFor(deps.db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  const rows = await deps.db
    .selectFrom('neighbourhood_volunteer as v')
    .innerJoin('citizen as c', 'c.id', 'v.citizen_id')
    .select(['c.id', 'c.name', 'c.email'])
    .where('v.neighbourhood_id', '=', n.id)
    .orderBy('c.name')
    .execute();
  return rows;
}

export async function removeVolunteer(deps: PlatformDeps, ctx: AccessContext, id: string, citizenId: string): Promise<void> {
  const n = await neighbourhoodFor(deps.db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  const result = await deps.db.deleteFrom('neighbourhood_volunteer').where('neighbourhood_id', '=', n.id).where('citizen_id', '=', citizenId).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound('Volunteer');
}
