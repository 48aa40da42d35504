import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor, ReadDb } from '../../../platform/db/index.js';
import type { NetworkResourceTable, ResourceKind } from '../tables.js';
import type { DocumentFile } from './document-file.js';

export async function insertResource(db: Executor, values: Insertable<NetworkResourceTable>, initiativeIds: string[]): Promise<string> {
  const row = await db.insertInto('network_resource').values(values).returning('id').executeTakeFirstOrThrow();
  await linkInitiatives(db, row.id, initiativeIds);
  return row.id;
}

async function linkInitiatives(db: Executor, resourceId: string, initiativeIds: string[]) {
  if (initiativeIds.length > 0) await db.insertInto('network_resource_initiative').values(initiativeIds.map((initiative_id) => ({ resource_id: resourceId, initiative_id }))).execute();
}

/** Replaces a resource's content and its links in one go (the caller's transaction). */
export async function updateResource(db: Executor, id: string, values: Updateable<NetworkResourceTable>, initiativeIds: string[]) {
  await db.updateTable('network_resource').set(values).where('id', '=', id).execute();
  await db.deleteFrom('network_resource_initiative').where('resource_id', '=', id).execute();
  await linkInitiatives(db, id, initiativeIds);
}

/** The uploaded file of a document; a new upload replaces it, a switch to a link removes it. */
export async function replaceFile(db: Executor, resourceId: string, file: DocumentFile | null) {
  await db.deleteFrom('network_resource_file').where('resource_id', '=', resourceId).execute();
  if (file) await db.insertInto('network_resource_file').values({ resource_id: resourceId, file_name: file.name, media_type: file.mediaType, size_bytes: file.content.length, content: file.content }).execute();
}

/** Withdraws once: the first call stamps the moment, a repeat leaves it. */
export async function withdrawResource(db: Executor, id: string, at: Date) {
  await db.updateTable('network_resource').set({ withdrawn_at: at, updated_at: at }).where('id', '=', id).where('withdrawn_at', 'is', null).execute();
}

/** Who published a resource and whether it is withdrawn, for the edit rules. */
export async function resourceOwner(db: Executor, id: string) {
  return db
    .selectFrom('network_resource as r')
    .select((eb) => ['r.id', 'r.kind', 'r.organisation_id', 'r.withdrawn_at', eb.exists(eb.selectFrom('network_resource_file as f').select('f.resource_id').whereRef('f.resource_id', '=', 'r.id')).as('has_file')])
    .where('r.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

const COLUMNS = ['r.id', 'r.kind', 'r.title', 'r.summary', 'r.url', 'r.themes', 'r.persona', 'r.made_by', 'r.conversations', 'r.made_on', 'r.licence', 'r.fictional', 'r.withdrawn_at', 'o.name as published_by', 'f.file_name', 'f.size_bytes'] as const;

const withPublisher = (db: ReadDb) => db.selectFrom('network_resource as r').innerJoin('organisation as o', 'o.id', 'r.organisation_id').leftJoin('network_resource_file as f', 'f.resource_id', 'r.id').select(COLUMNS);

/** The public list: withdrawn resources are gone from it. */
export async function resources(db: ReadDb, where: { kind?: ResourceKind | undefined; theme?: string | undefined; initiativeId?: string | undefined }) {
  return withPublisher(db)
    .where('r.withdrawn_at', 'is', null)
    .$if(where.kind !== undefined, (q) => q.where('r.kind', '=', where.kind ?? 'persona'))
    .$if(where.theme !== undefined, (q) => q.where(sql<boolean>`r.themes @> ARRAY[${where.theme}]::text[]`))
    .$if(where.initiativeId !== undefined, (q) => q.where('r.id', 'in', (eb) => eb.selectFrom('network_resource_initiative').select('resource_id').where('initiative_id', '=', where.initiativeId ?? '')))
    .orderBy('r.kind')
    .orderBy('r.title')
    .execute();
}

/** Everything one organisation published, withdrawn ones last. */
export async function resourcesOf(db: ReadDb, organisationId: string) {
  return withPublisher(db).where('r.organisation_id', '=', organisationId).orderBy(sql`r.withdrawn_at IS NOT NULL`).orderBy('r.kind').orderBy('r.title').execute();
}

/** One resource as the public sees it: undefined when unknown or withdrawn. */
export async function resource(db: ReadDb, id: string) {
  return withPublisher(db).where('r.id', '=', id).where('r.withdrawn_at', 'is', null).executeTakeFirst();
}

/** An uploaded document's bytes, only while the resource is public. */
export async function documentFile(db: ReadDb, resourceId: string) {
  return db
    .selectFrom('network_resource_file as f')
    .innerJoin('network_resource as r', 'r.id', 'f.resource_id')
    .select(['f.file_name', 'f.media_type', 'f.content'])
    .where('f.resource_id', '=', resourceId)
    .where('r.withdrawn_at', 'is', null)
    .executeTakeFirst();
}

/** The accepted initiatives linked to these resources (a link to one not, or no longer, public is not shown). */
export async function linkedInitiatives(db: ReadDb, resourceIds: string[]) {
  if (resourceIds.length === 0) return [];
  return db
    .selectFrom('network_resource_initiative as l')
    .innerJoin('initiative as i', 'i.id', 'l.initiative_id')
    .select(['l.resource_id', 'i.id', 'i.title'])
    .where('l.resource_id', 'in', resourceIds)
    .where('i.status', '=', 'accepted')
    .orderBy('i.title')
    .execute();
}
