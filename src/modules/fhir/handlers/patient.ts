import { z } from 'zod';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import { readNightSummary, searchClients } from '../../clients/index.js';
import { patientFromIdentification, patientFromNightSummary } from '../map/patient.js';
import { SYSTEM } from '../resource.js';
import { idList, isUuid, lastUpdatedBounds, lastUpdatedParam, pageParams, token, withinBounds, type Page } from '../search.js';
import { present, unlessNotFound, type ResourceHandler } from './handler.js';

const query = z
  .object({
    ...pageParams,
    _id: z.string().max(2000).optional(),
    identifier: z.string().max(200).optional(),
    name: z.string().max(80).optional(),
    birthdate: z.string().regex(/^(eq)?\d{4}-\d{2}-\d{2}$/, 'birthdate takes a whole date, optionally with the eq prefix').optional(),
    'address-postalcode': z.string().max(8).optional(),
    'address-city': z.string().max(80).optional(),
    _lastUpdated: lastUpdatedParam,
  })
  .strict();
type Query = z.infer<typeof query>;

/** A Patient is read as the REST night summary is: the same access level, the same audit entry. */
const read = async (deps: PlatformDeps, ctx: AccessContext, id: string) => {
  if (!isUuid(id)) throw notFound('Client');
  return patientFromNightSummary(await readNightSummary(deps, ctx, id));
};

/** The ids a search names directly: `_id`, or an identifier in our client-id system (or a bare uuid). */
function namedIds(q: Query): string[] | undefined {
  const ids = idList(q._id);
  const id = q.identifier ? token(q.identifier) : undefined;
  const byIdentifier = id && (id.system === SYSTEM.client || (!id.system && isUuid(id.value))) ? [id.value] : undefined;
  if (ids && byIdentifier) throw invalid('Give _id or a client identifier, not both');
  return ids ?? byIdentifier;
}

/**
 * A search is the REST search of the caller's own organisation (the same function, the same audit
 * entry per client shown, identification only); other organisations' clients are reached by id under
 * an assignment, never found by criteria, so no search reveals a client REST would not.
 */
async function search(deps: PlatformDeps, ctx: AccessContext, raw: Record<string, unknown>, page: Page) {
  const q = raw as Query;
  const updated = lastUpdatedBounds(q._lastUpdated);
  const ids = namedIds(q);
  if (ids) {
    const picked = ids.slice(page.offset, page.offset + page.count);
    const resources = present(await Promise.all(picked.map((id) => unlessNotFound(() => read(deps, ctx, id))))).filter((r) => withinBounds(r.meta?.lastUpdated, updated));
    return { resources, more: ids.length > page.offset + page.count };
  }
  const id = q.identifier ? token(q.identifier) : undefined;
  // An identifier in a system we do not know matches nothing.
  if (id && id.system && id.system !== SYSTEM.alarmAccount) return { resources: [], more: false };
  const found = await searchClients(deps, ctx, {
    q: q.name,
    dateOfBirth: q.birthdate?.replace(/^eq/, ''),
    postcode: q['address-postalcode'],
    city: q['address-city'],
    alarmAccount: id?.value,
    updated,
    limit: page.count + 1,
    offset: page.offset,
  });
  return { resources: found.slice(0, page.count).map(patientFromIdentification), more: found.length > page.count };
}

export const patientHandler: ResourceHandler = {
  type: 'Patient',
  params: { _id: 'token', identifier: 'token', name: 'string', birthdate: 'date', 'address-postalcode': 'string', 'address-city': 'string', _lastUpdated: 'date' },
  query,
  read,
  search,
};
