import type { Db, Executor, ReadDb } from '../../platform/db/index.js';
import type { NeighbourhoodCreate, NeighbourhoodUpdate } from './schemas.js';

export async function insertNeighbourhood(executor: Executor, allianceId: string, n: NeighbourhoodCreate): Promise<string | undefined> {
  const row = await executor
    .insertInto('neighbourhood')
    .values({ alliance_id: allianceId, slug: n.slug, name: n.name, municipality: n.municipality, postcodes: n.postcodes, intro: n.intro, fictional: n.fictional })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export const findNeighbourhood = (executor: ReadDb, by: { id: string } | { slug: string }) =>
  executor
    .selectFrom('neighbourhood')
    .selectAll()
    .$call((q) => ('id' in by ? q.where('id', '=', by.id) : q.where('slug', '=', by.slug)))
    .executeTakeFirst();

export type NeighbourhoodRow = NonNullable<Awaited<ReturnType<typeof findNeighbourhood>>>;

export const listNeighbourhoods = (db: Db, allianceIds: string[]) =>
  allianceIds.length === 0 ? Promise.resolve([]) : db.selectFrom('neighbourhood').select(['id', 'slug', 'name', 'municipality', 'fictional']).where('alliance_id', 'in', allianceIds).orderBy('name').execute();

export async function addPartner(executor: Executor, n: NeighbourhoodRow, organisationId: string): Promise<void> {
  await executor.insertInto('neighbourhood_partner').values({ neighbourhood_id: n.id, organisation_id: organisationId, alliance_id: n.alliance_id }).onConflict((oc) => oc.doNothing()).execute();
}

export const isPartner = async (executor: Executor, neighbourhoodId: string, organisationId: string) =>
  (await executor.selectFrom('neighbourhood_partner').select('organisation_id').where('neighbourhood_id', '=', neighbourhoodId).where('organisation_id', '=', organisationId).executeTakeFirst()) !== undefined;

export async function addAmbition(executor: Executor, n: NeighbourhoodRow, a: { title: string; description: string; position: number }): Promise<string> {
  const row = await executor.insertInto('neighbourhood_ambition').values({ neighbourhood_id: n.id, alliance_id: n.alliance_id, ...a }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const ambitionIn = async (executor: Executor, neighbourhoodId: string, ambitionId: string) =>
  (await executor.selectFrom('neighbourhood_ambition').select('id').where('neighbourhood_id', '=', neighbourhoodId).where('id', '=', ambitionId).executeTakeFirst()) !== undefined;

export async function addCommitment(executor: Executor, n: NeighbourhoodRow, c: { ambitionId: string; organisationId: string; text: string; dueOn: string | null }): Promise<string> {
  const row = await executor
    .insertInto('neighbourhood_commitment')
    .values({ ambition_id: c.ambitionId, neighbourhood_id: n.id, alliance_id: n.alliance_id, organisation_id: c.organisationId, text: c.text, due_on: c.dueOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const commitmentOf = (executor: Executor, neighbourhoodId: string, commitmentId: string) =>
  executor.selectFrom('neighbourhood_commitment').select(['id', 'organisation_id']).where('neighbourhood_id', '=', neighbourhoodId).where('id', '=', commitmentId).executeTakeFirst();

export async function setProgress(executor: Executor, commitmentId: string, progress: number, note: string): Promise<void> {
  await executor.updateTable('neighbourhood_commitment').set({ progress, progress_note: note, updated_at: new Date() }).where('id', '=', commitmentId).execute();
}

/** The partnership's page in three statements: partners, ambitions, commitments. */
export async function partnership(executor: ReadDb, neighbourhoodId: string) {
  const [partners, ambitions, commitments] = await Promise.all([
    executor
      .selectFrom('neighbourhood_partner as p')
      .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
      .select(['o.id', 'o.name', 'o.kind'])
      .where('p.neighbourhood_id', '=', neighbourhoodId)
      .orderBy('o.name')
      .execute(),
    executor.selectFrom('neighbourhood_ambition').select(['id', 'title', 'description']).where('neighbourhood_id', '=', neighbourhoodId).orderBy('position').orderBy('title').execute(),
    executor
      .selectFrom('neighbourhood_commitment as c')
      .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
      .select(['c.id', 'c.ambition_id', 'c.organisation_id', 'o.name as partner', 'c.text', 'c.due_on', 'c.progress', 'c.progress_note', 'c.updated_at'])
      .where('c.neighbourhood_id', '=', neighbourhoodId)
      .orderBy('o.name')
      .orderBy('c.text')
      .execute(),
  ]);
  return { partners, ambitions, commitments };
}

export const isAllianceMember = async (executor: Executor, allianceId: string, organisationId: string) =>
  (await executor.selectFrom('alliance_membership').select('organisation_id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirst()) !== undefined;

/** The edit of a neighbourhood; undefined when another one already has the address (the unique slug decides). */
export async function updateNeighbourhood(executor: Executor, id: string, n: NeighbourhoodUpdate): Promise<boolean> {
  const result = await executor
    .updateTable('neighbourhood')
    .set({ slug: n.slug, name: n.name, municipality: n.municipality, postcodes: n.postcodes, intro: n.intro, fictional: n.fictional })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A partner leaves only without commitments of its own: the public page never loses a promise silently. */
export async function removePartner(executor: Executor, neighbourhoodId: string, organisationId: string): Promise<'removed' | 'absent' | 'has_commitments'> {
  const commitments = await executor.selectFrom('neighbourhood_commitment').select('id').where('neighbourhood_id', '=', neighbourhoodId).where('organisation_id', '=', organisationId).executeTakeFirst();
  if (commitments) return 'has_commitments';
  const result = await executor.deleteFrom('neighbourhood_partner').where('neighbourhood_id', '=', neighbourhoodId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1 ? 'removed' : 'absent';
}

export async function updateAmbition(executor: Executor, neighbourhoodId: string, ambitionId: string, a: { title: string; description: string; position: number }): Promise<boolean> {
  const result = await executor.updateTable('neighbourhood_ambition').set(a).where('neighbourhood_id', '=', neighbourhoodId).where('id', '=', ambitionId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateCommitment(executor: Executor, neighbourhoodId: string, commitmentId: string, c: { text: string; dueOn: string | null }): Promise<boolean> {
  const result = await executor.updateTable('neighbourhood_commitment').set({ text: c.text, due_on: c.dueOn, updated_at: new Date() }).where('neighbourhood_id', '=', neighbourhoodId).where('id', '=', commitmentId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
