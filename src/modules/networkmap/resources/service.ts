import { actingAlliance, type StaffContext } from '../../../platform/access/index.js';
import type { ReadDb } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { moderationLevelOf } from '../moderation/access.js';
import type { PersonaContent, ResourceKind } from '../tables.js';
import { insertResource, linkedInitiatives, resource, resources } from './store.js';

export interface ResourceInput {
  kind: ResourceKind;
  title: string;
  summary: string;
  url?: string | undefined;
  themes: string[];
  persona?: PersonaContent | undefined;
  madeBy: string;
  conversations?: number | undefined;
  madeOn?: string | undefined;
  licence: string;
  fictional: boolean;
  initiativeIds: string[];
}

/**
 * A resource published by a network coordinator or the national body. A persona carries its content
 * and provenance (made by, from how many conversations, when, licence); a film or document its URL.
 * Links go to accepted initiatives only, so a resource never points at something the public cannot see.
 */
export async function publishResource(deps: NetworkMapDeps, ctx: StaffContext, input: ResourceInput): Promise<{ id: string }> {
  await moderationLevelOf(deps.db, ctx);
  if (input.kind === 'persona' && !input.persona) throw invalid('A persona needs its situation, needs, what helps and quotes', [{ path: 'persona', code: 'required', message: 'required for a persona' }]);
  if (input.kind !== 'persona' && !input.url) throw invalid('A film or document needs its URL', [{ path: 'url', code: 'required', message: 'required for a film or document' }]);
  const allianceId = actingAlliance(ctx);
  const id = await deps.db.transaction().execute(async (trx) => {
    const ids = [...new Set(input.initiativeIds)];
    const found = ids.length ? await trx.selectFrom('initiative').select('id').where('id', 'in', ids).where('status', '=', 'accepted').execute() : [];
    if (found.length !== ids.length) throw invalid('Link only to initiatives on the map', [{ path: 'initiativeIds', code: 'unknown', message: 'not an accepted initiative' }]);
    return insertResource(trx, {
      alliance_id: allianceId, organisation_id: ctx.organisationId, kind: input.kind, title: input.title, summary: input.summary, url: input.url ?? null, themes: input.themes,
      persona: JSON.stringify(input.kind === 'persona' ? input.persona : {}), made_by: input.madeBy, conversations: input.conversations ?? null, made_on: input.madeOn ?? null, licence: input.licence, fictional: input.fictional,
    }, ids);
  });
  return { id };
}

type Row = NonNullable<Awaited<ReturnType<typeof resource>>>;

export function toPublicResource(row: Row) {
  return {
    id: row.id, kind: row.kind, title: row.title, summary: row.summary, url: row.url, themes: row.themes,
    persona: row.kind === 'persona' ? (row.persona as PersonaContent) : null,
    provenance: { madeBy: row.made_by, conversations: row.conversations, madeOn: row.made_on, licence: row.licence, publishedBy: row.published_by },
    fictional: row.fictional,
  };
}

export async function listResources(db: ReadDb, where: Parameters<typeof resources>[1]) {
  return (await resources(db, where)).map(toPublicResource);
}

export async function readResource(db: ReadDb, id: string) {
  const row = await resource(db, id);
  if (!row) throw notFound('Resource');
  return { ...toPublicResource(row), initiatives: await linkedInitiatives(db, id) };
}
