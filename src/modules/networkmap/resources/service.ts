import { actingAlliance, type StaffContext } from '../../../platform/access/index.js';
import type { Executor, ReadDb } from '../../../platform/db/index.js';
import { forbidden, invalid, notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { moderationLevelOf } from '../moderation/access.js';
import type { PersonaContent } from '../tables.js';
import { checkDocument } from './document-file.js';
import type { ResourceBody } from './schemas.js';
import { documentFile, insertResource, linkedInitiatives, replaceFile, resource, resourceOwner, resources, resourcesOf, updateResource, withdrawResource } from './store.js';

/** The columns a body writes, the same for a new resource and an edit. */
function columnsOf(input: ResourceBody) {
  return {
    kind: input.kind, title: input.title, summary: input.summary, url: input.url ?? null, themes: input.themes,
    persona: JSON.stringify(input.kind === 'persona' ? input.persona : {}),
    made_by: input.madeBy, conversations: input.conversations ?? null, made_on: input.madeOn ?? null, licence: input.licence, fictional: input.fictional,
  };
}

/** Links go to accepted initiatives only, so a resource never points at something the public cannot see. */
async function acceptedInitiatives(trx: Executor, initiativeIds: string[]) {
  const ids = [...new Set(initiativeIds)];
  const found = ids.length ? await trx.selectFrom('initiative').select('id').where('id', 'in', ids).where('status', '=', 'accepted').execute() : [];
  if (found.length !== ids.length) throw invalid('Link only to initiatives on the map', [{ path: 'initiativeIds', code: 'unknown', message: 'not an accepted initiative' }]);
  return ids;
}

/** A persona's conversations happened already: a date ahead of today is a typing error. */
function checkMadeOn(deps: NetworkMapDeps, input: ResourceBody) {
  if (input.madeOn && input.madeOn > deps.now().toISOString().slice(0, 10)) throw invalid('The date lies in the future', [{ path: 'madeOn', code: 'future', message: 'not after today' }]);
}

const needsLinkOrFile = () => invalid('A document needs a link or a file', [{ path: 'url', code: 'link_or_file', message: 'a link or an uploaded file' }]);

/** A resource published by a network coordinator or the national body (whoever moderates publishes). */
export async function publishResource(deps: NetworkMapDeps, ctx: StaffContext, input: ResourceBody): Promise<{ id: string }> {
  await moderationLevelOf(deps.db, ctx);
  checkMadeOn(deps, input);
  if (input.kind === 'document' && !input.url && !input.file) throw needsLinkOrFile();
  const file = input.file ? checkDocument(input.file.fileName, input.file.contentBase64) : null;
  const allianceId = actingAlliance(ctx);
  const id = await deps.db.transaction().execute(async (trx) => {
    const ids = await acceptedInitiatives(trx, input.initiativeIds);
    const created = await insertResource(trx, { ...columnsOf(input), alliance_id: allianceId, organisation_id: ctx.organisationId }, ids);
    if (file) await replaceFile(trx, created, file);
    return created;
  });
  return { id };
}

/**
 * Only the organisation that published a resource edits or withdraws it; the rest of the publishers
 * get 403 (resources are public, so there is nothing to hide by answering 404). A withdrawn one stays
 * withdrawn: publishing it again is a new resource.
 */
async function ownedForChange(trx: Executor, ctx: StaffContext, id: string) {
  const row = await resourceOwner(trx, id);
  if (!row) throw notFound('Resource');
  if (row.organisation_id !== ctx.organisationId) throw forbidden('Only the organisation that published a resource changes it');
  if (row.withdrawn_at) throw invalid('This resource is withdrawn');
  return row;
}

/** An edit replaces the content, the links and (for a document) the file; a document keeps its file unless a link or a new file replaces it. */
export async function editResource(deps: NetworkMapDeps, ctx: StaffContext, id: string, input: ResourceBody): Promise<void> {
  await moderationLevelOf(deps.db, ctx);
  checkMadeOn(deps, input);
  const file = input.file ? checkDocument(input.file.fileName, input.file.contentBase64) : null;
  await deps.db.transaction().execute(async (trx) => {
    const row = await ownedForChange(trx, ctx, id);
    if (row.kind !== input.kind) throw invalid('A resource keeps its kind', [{ path: 'kind', code: 'changed', message: 'publish a new resource instead' }]);
    if (input.kind === 'document' && !input.url && !file && !row.has_file) throw needsLinkOrFile();
    const ids = await acceptedInitiatives(trx, input.initiativeIds);
    await updateResource(trx, id, { ...columnsOf(input), updated_at: deps.now() }, ids);
    if (file || input.url) await replaceFile(trx, id, file);
  });
}

export async function withdrawOwnResource(deps: NetworkMapDeps, ctx: StaffContext, id: string): Promise<void> {
  await moderationLevelOf(deps.db, ctx);
  await deps.db.transaction().execute(async (trx) => {
    await ownedForChange(trx, ctx, id);
    await withdrawResource(trx, id, deps.now());
  });
}

type Row = NonNullable<Awaited<ReturnType<typeof resource>>>;

export function toPublicResource(row: Row) {
  return {
    id: row.id, kind: row.kind, title: row.title, summary: row.summary, url: row.url, themes: row.themes,
    persona: row.kind === 'persona' ? (row.persona as PersonaContent) : null,
    provenance: { madeBy: row.made_by, conversations: row.conversations, madeOn: row.made_on, licence: row.licence, publishedBy: row.published_by },
    fictional: row.fictional,
    file: row.file_name ? { name: row.file_name, sizeBytes: row.size_bytes ?? 0 } : null,
  };
}

export async function listResources(db: ReadDb, where: Parameters<typeof resources>[1]) {
  return (await resources(db, where)).map(toPublicResource);
}

export async function readResource(db: ReadDb, id: string) {
  const row = await resource(db, id);
  if (!row) throw notFound('Resource');
  return { ...toPublicResource(row), initiatives: (await linkedInitiatives(db, [id])).map(({ id: initiativeId, title }) => ({ id: initiativeId, title })) };
}

/** The publisher's own resources, withdrawn ones too, each with its linked initiatives. */
export async function ownResources(deps: NetworkMapDeps, ctx: StaffContext) {
  // From the primary, so the list right after an edit shows the edit.
  await moderationLevelOf(deps.db, ctx);
  const rows = await resourcesOf(deps.db, ctx.organisationId);
  const links = await linkedInitiatives(deps.db, rows.map((r) => r.id));
  return rows.map((row) => ({
    ...toPublicResource(row),
    initiatives: links.filter((l) => l.resource_id === row.id).map((l) => ({ id: l.id, title: l.title })),
    withdrawnAt: row.withdrawn_at ? row.withdrawn_at.toISOString() : null,
  }));
}

export async function readDocument(db: ReadDb, id: string) {
  const file = await documentFile(db, id);
  if (!file) throw notFound('Document');
  return file;
}
