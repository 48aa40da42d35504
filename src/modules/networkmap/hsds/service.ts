import { sql } from 'kysely';
import type { StaffContext } from '../../../platform/access/index.js';
import type { ReadDb } from '../../../platform/db/index.js';
import { AppError, notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { insertInitiative, changeInitiative, lockInitiative, partnerNames } from '../initiatives/store.js';
import { moderationLevelOf } from '../moderation/access.js';
import { publicRows, toPublic } from '../search/public-view.js';
import { hsdsOrganization, hsdsService, hsdsServiceSummary, type HsdsService } from './map.js';
import { fromHsds, type HsdsServiceIn } from './parse.js';
import { describeErrors, hsdsValidator } from './validate.js';

/** HSDS's Page object (openapi.json `components.schemas.Page`) around one page of contents. */
export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return { total_items: total, total_pages: totalPages, page_number: pageNumber, size: contents.length, first_page: pageNumber === 1, last_page: pageNumber >= totalPages, empty: total === 0, contents };
}

async function networks(db: ReadDb, ids?: string[]) {
  const rows = await db
    .selectFrom('organisation as n')
    .innerJoin('network_municipality as m', 'm.network_id', 'n.id')
    .select(['n.id', 'n.name', 'm.name as municipality'])
    .$if(ids !== undefined, (q) => q.where('n.id', 'in', ids?.length ? ids : ['00000000-0000-0000-0000-000000000000']))
    .orderBy('n.name')
    .orderBy('m.name')
    .execute();
  const byId = new Map<string, { id: string; name: string; municipalities: string[] }>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? { id: r.id, name: r.name, municipalities: [] };
    entry.municipalities.push(r.municipality);
    byId.set(r.id, entry);
  }
  return new Map([...byId].map(([id, n]) => [id, hsdsOrganization(n)]));
}

export async function listServices(db: ReadDb, query: { page: number; per_page: number; search?: string | undefined; organization_id?: string | undefined }) {
  let rows = publicRows(db);
  if (query.search) rows = rows.where(sql<boolean>`initiative.search @@ websearch_to_tsquery('dutch', ${query.search})`);
  if (query.organization_id) rows = rows.where('initiative.network_id', '=', query.organization_id);
  const total = await rows.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await rows.orderBy('initiative.id').offset((query.page - 1) * query.per_page).limit(query.per_page).execute();
  return page(items.map((r) => hsdsServiceSummary(toPublic(r), r.updated_at)), Number(total.n), query.page, query.per_page);
}

export async function fullServices(db: ReadDb, id?: string): Promise<HsdsService[]> {
  const rows = await publicRows(db).$if(id !== undefined, (q) => q.where('initiative.id', '=', id ?? '')).orderBy('initiative.id').execute();
  const orgs = await networks(db, [...new Set(rows.map((r) => r.network_id))]);
  return rows.flatMap((r) => {
    const organization = orgs.get(r.network_id);
    return organization ? [hsdsService(toPublic(r), r.updated_at, organization)] : [];
  });
}

export async function getService(db: ReadDb, id: string) {
  const [service] = await fullServices(db, id);
  if (!service) throw notFound('Service');
  return service;
}

export async function listOrganizations(db: ReadDb, query: { page: number; per_page: number }) {
  const all = [...(await networks(db)).values()];
  return page(all.slice((query.page - 1) * query.per_page, query.page * query.per_page), all.length, query.page, query.per_page);
}

/** Everything public in one document: the organisations and the fully nested services. */
export async function exportAll(db: ReadDb) {
  const services = await fullServices(db);
  return { organizations: [...(await networks(db)).values()], services };
}

/**
 * HSDS services in: each validated against the official schema first (one invalid service refuses the
 * whole import, naming what is wrong), then added or updated by id in one transaction. A service's
 * network must be known and its service area one of the network's municipalities.
 */
export async function importServices(deps: NetworkMapDeps, ctx: StaffContext, services: unknown[]) {
  const level = await moderationLevelOf(deps.db, ctx);
  const validate = hsdsValidator(deps.hsdsSchemaDir, 'service');
  const problems = services.flatMap((s, index) => (validate(s) ? [] : describeErrors(validate.errors).map((e) => `services[${index}]${e}`)));
  if (problems.length > 0) throw new AppError('IMPORT_REFUSED', 'Not valid HSDS 3', undefined, { problems });
  const parsed = services.map((s) => fromHsds(s as HsdsServiceIn, deps.now()));
  return deps.db.transaction().execute(async (trx) => {
    let added = 0;
    let updated = 0;
    for (const s of parsed) {
      const municipality = await trx.selectFrom('network_municipality').select(['id', 'alliance_id', 'network_id']).where('network_id', '=', s.networkId).where('name', '=', s.municipality).executeTakeFirst();
      if (!municipality || (level === 'network' && municipality.network_id !== ctx.organisationId)) throw new AppError('IMPORT_REFUSED', `Unknown service area for ${s.id}`, undefined, { problems: [`${s.id}: ${s.municipality}`] });
      const values = { ...s.columns, partner_names: partnerNames(s.partners), partners: JSON.stringify(s.partners), municipality_id: municipality.id, network_id: municipality.network_id, alliance_id: municipality.alliance_id, updated_at: s.lastModified };
      const known = await lockInitiative(trx, { id: s.id });
      if (known) {
        await changeInitiative(trx, known, values, { actor_kind: 'import', actor_user_id: ctx.actorId, action: 'updated_from_hsds' }, s.lastModified);
        updated++;
      } else {
        await insertInitiative(trx, { ...values, id: s.id, status: 'accepted', source: 'hsds', accepted_at: s.lastModified, created_at: deps.now() }, { actor_kind: 'import', actor_user_id: ctx.actorId }, 'imported_from_hsds');
        added++;
      }
    }
    return { added, updated };
  });
}
