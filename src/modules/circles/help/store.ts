import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';
import type { HelpDirection, HelpKind, PartOfDay } from '../tables.js';

type Circle = { id: string; alliance_id: string; organisation_id: string };

const helpColumns = ['id', 'direction', 'kind', 'title', 'wanted_on', 'posted_by_name', 'posted_by_role', 'posted_by_id', 'status', 'claimed_by_name', 'claimed_by_id', 'part_of_day', 'neighbourhood_id'] as const;

export const circleHelp = (executor: Executor, circleId: string) =>
  executor.selectFrom('circle_help').select(helpColumns).where('circle_id', '=', circleId).where('status', '<>', 'withdrawn').orderBy('created_at', 'desc').execute();

export type HelpRow = Awaited<ReturnType<typeof circleHelp>>[number];

export interface HelpInsert {
  direction: HelpDirection;
  kind: HelpKind;
  title: string;
  wantedOn: string | null;
  partOfDay: PartOfDay | null;
  postedByName: string;
  postedByRole: 'person' | 'member' | 'professional';
  postedByMemberId: string | null;
  postedById: string;
}

export async function insertHelp(executor: Executor, circle: Circle, help: HelpInsert): Promise<string> {
  const row = await executor
    .insertInto('circle_help')
    .values({
      circle_id: circle.id,
      alliance_id: circle.alliance_id,
      organisation_id: circle.organisation_id,
      direction: help.direction,
      kind: help.kind,
      title: help.title,
      wanted_on: help.wantedOn,
      part_of_day: help.partOfDay,
      posted_by_name: help.postedByName,
      posted_by_role: help.postedByRole,
      posted_by_member_id: help.postedByMemberId,
      posted_by_id: help.postedById,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The claim in one conditional statement: of two members claiming at once, one row is updated and the
 * other finds none (its caller answers 409). Nobody claims what they posted themselves.
 */
export const claimHelp = (executor: Executor, circleId: string, helpId: string, claimer: { name: string; memberId: string | null; id: string }) =>
  executor
    .updateTable('circle_help')
    .set({ status: 'claimed', claimed_by_name: claimer.name, claimed_by_member_id: claimer.memberId, claimed_by_id: claimer.id, claimed_at: new Date() })
    .where('circle_id', '=', circleId)
    .where('id', '=', helpId)
    .where('status', '=', 'open')
    .where('posted_by_id', '<>', claimer.id)
    .returning('id')
    .executeTakeFirst();

export const oneHelp = (executor: Executor, circleId: string, helpId: string) =>
  executor.selectFrom('circle_help').select(helpColumns).where('circle_id', '=', circleId).where('id', '=', helpId).forUpdate().executeTakeFirst();

export async function setHelpStatus(executor: Executor, helpId: string, status: 'done' | 'withdrawn'): Promise<void> {
  await executor.updateTable('circle_help').set({ status }).where('id', '=', helpId).execute();
}

export interface MemberLoad {
  member_id: string;
  name: string;
  informal: boolean;
  count: number;
}

/**
 * Who gave the circle's help in the window, per member: tasks they took up, requests they claimed, and
 * their own offers that someone took. Professionals count in the total, so "most" means most of all help.
 */
export async function loadPerMember(executor: Executor, circleId: string, since: Date): Promise<MemberLoad[]> {
  const { rows } = await sql<MemberLoad>`
    WITH given AS (
      SELECT accepted_by_member_id AS member_id FROM circle_task
        WHERE circle_id = ${circleId}::uuid AND accepted_by_member_id IS NOT NULL AND accepted_at >= ${since}
      UNION ALL
      SELECT claimed_by_member_id FROM circle_help
        WHERE circle_id = ${circleId}::uuid AND direction = 'request' AND claimed_by_member_id IS NOT NULL AND claimed_at >= ${since}
      UNION ALL
      SELECT posted_by_member_id FROM circle_help
        WHERE circle_id = ${circleId}::uuid AND direction = 'offer' AND posted_by_member_id IS NOT NULL AND status IN ('claimed', 'done') AND claimed_at >= ${since}
    )
    SELECT m.id AS member_id, m.name, m.citizen_id IS NOT NULL AS informal, count(*)::int AS count
    FROM given JOIN circle_member m ON m.id = given.member_id
    GROUP BY m.id, m.name, m.citizen_id
    ORDER BY count(*) DESC, m.name`.execute(executor);
  return rows;
}
