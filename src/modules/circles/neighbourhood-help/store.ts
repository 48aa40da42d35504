import type { Executor } from '../../../platform/db/index.js';

/** The circles a citizen is in: as the person or representative (an active link), or as an active member. */
export const circlesOfCitizen = (executor: Executor, citizenId: string) =>
  executor
    .selectFrom('circle')
    .select(['id', 'client_id'])
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('client_citizen_link as l').select('l.id').whereRef('l.client_id', '=', 'circle.client_id').where('l.citizen_id', '=', citizenId).where('l.ended_at', 'is', null)),
        eb.exists(eb.selectFrom('circle_member as m').select('m.id').whereRef('m.circle_id', '=', 'circle.id').where('m.citizen_id', '=', citizenId).where('m.removed_at', 'is', null)),
      ]),
    )
    .execute();

export async function share(executor: Executor, helpId: string, shared: { neighbourhoodId: string; name: string | null; area: string; title: boolean }): Promise<void> {
  await executor
    .updateTable('circle_help')
    .set({ neighbourhood_id: shared.neighbourhoodId, shared_at: new Date(), shared_name: shared.name, shared_postcode_area: shared.area, shared_title: shared.title })
    .where('id', '=', helpId)
    .execute();
}

export async function unshare(executor: Executor, helpId: string): Promise<void> {
  await executor.updateTable('circle_help').set({ neighbourhood_id: null, shared_at: null, shared_name: null, shared_postcode_area: null, shared_title: false }).where('id', '=', helpId).execute();
}

/**
 * Open help shared in these neighbourhoods, outside the caller's own circles, with only the shared
 * columns: the title comes back only where the person chose to show it.
 */
export const sharedHelp = (executor: Executor, neighbourhoodIds: readonly string[], ownCircleIds: readonly string[], citizenId: string, helpId?: string) =>
  executor
    .selectFrom('circle_help as h')
    .innerJoin('circle as c', 'c.id', 'h.circle_id')
    .leftJoin('circle_help_claim as k', (join) => join.onRef('k.help_id', '=', 'h.id').on('k.citizen_id', '=', citizenId))
    .select(['h.id', 'h.circle_id', 'h.alliance_id', 'h.organisation_id', 'c.client_id', 'h.direction', 'h.kind', 'h.wanted_on', 'h.part_of_day', 'h.shared_name', 'h.shared_postcode_area', 'h.neighbourhood_id', 'k.status as my_claim'])
    .select((eb) => eb.case().when('h.shared_title', '=', true).then(eb.ref('h.title')).else(null).end().as('title'))
    .where('h.neighbourhood_id', 'in', neighbourhoodIds)
    .where('h.status', '=', 'open')
    .$if(ownCircleIds.length > 0, (q) => q.where('h.circle_id', 'not in', ownCircleIds))
    .$if(helpId !== undefined, (q) => q.where('h.id', '=', helpId ?? ''))
    .orderBy('h.wanted_on', (ob) => ob.asc().nullsLast())
    .orderBy('h.created_at', 'desc')
    .limit(200)
    .execute();

export type SharedHelpRow = Awaited<ReturnType<typeof sharedHelp>>[number];

export async function insertClaim(executor: Executor, help: SharedHelpRow, citizen: { id: string; name: string }): Promise<string> {
  const row = await executor
    .insertInto('circle_help_claim')
    .values({ help_id: help.id, circle_id: help.circle_id, alliance_id: help.alliance_id, organisation_id: help.organisation_id, citizen_id: citizen.id, name: citizen.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const circleClaims = (executor: Executor, circleId: string) =>
  executor
    .selectFrom('circle_help_claim as k')
    .innerJoin('circle_help as h', 'h.id', 'k.help_id')
    .select(['k.id', 'k.help_id', 'h.title', 'k.name', 'k.status', 'k.created_at'])
    .where('k.circle_id', '=', circleId)
    .orderBy('k.created_at', 'desc')
    .execute();

export const lockClaim = (executor: Executor, circleId: string, claimId: string) =>
  executor.selectFrom('circle_help_claim').select(['id', 'help_id', 'citizen_id', 'name', 'status']).where('circle_id', '=', circleId).where('id', '=', claimId).forUpdate().executeTakeFirst();

export async function decide(executor: Executor, claimId: string, status: 'accepted' | 'declined', by: string): Promise<void> {
  await executor.updateTable('circle_help_claim').set({ status, decided_at: new Date(), decided_by_name: by }).where('id', '=', claimId).execute();
}

/** The others who offered the same help hear no: one neighbour takes it up. */
export async function declineOthers(executor: Executor, helpId: string, acceptedId: string, by: string): Promise<void> {
  await executor.updateTable('circle_help_claim').set({ status: 'declined', decided_at: new Date(), decided_by_name: by }).where('help_id', '=', helpId).where('id', '<>', acceptedId).where('status', '=', 'pending').execute();
}

/** The accepted neighbour takes the help up, as a member claiming it in the circle would. */
export async function takeUp(executor: Executor, helpId: string, claimer: { name: string; memberId: string; citizenId: string }): Promise<boolean> {
  const result = await executor
    .updateTable('circle_help')
    .set({ status: 'claimed', claimed_by_name: claimer.name, claimed_by_member_id: claimer.memberId, claimed_by_id: claimer.citizenId, claimed_at: new Date() })
    .where('id', '=', helpId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
