import { z } from 'zod';
import { hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden, notFound } from '../../../platform/http/index.js';
import { listOrganisations, listStaff } from '../../alliance/index.js';
import { listLocations } from '../../respite/index.js';
import { locationOf, organizationOf, practitionerOf, practitionerRoleOf } from '../map/directory.js';
import type { Resource } from '../resource.js';
import { idList, pageOf, pageParams, token, type Page } from '../search.js';
import type { ResourceHandler } from './handler.js';

const directoryQuery = z
  .object({ ...pageParams, _id: z.string().max(2000).optional(), identifier: z.string().max(200).optional(), name: z.string().max(120).optional() })
  .strict();
type DirectoryQuery = z.infer<typeof directoryQuery>;

/** `name` matches anywhere, ignoring case, as FHIR's string search matches the start (we are more lenient, not stricter). */
function filtered(resources: Resource[], q: DirectoryQuery, nameOf: (r: Resource) => string): Resource[] {
  const ids = idList(q._id);
  const identifier = q.identifier ? token(q.identifier) : undefined;
  const name = q.name?.toLowerCase();
  return resources.filter(
    (r) =>
      (!ids || ids.includes(r.id)) &&
      (!identifier || (r.identifier as { system: string; value: string }[] | undefined)?.some((i) => i.value === identifier.value && (!identifier.system || i.system === identifier.system))) &&
      (!name || nameOf(r).toLowerCase().includes(name)),
  );
}

/** A directory answered from a list the caller may see whole: read finds in it, search filters and pages it. */
function listDirectory(type: string, list: (deps: PlatformDeps, ctx: AccessContext) => Promise<Resource[]>, nameOf: (r: Resource) => string): ResourceHandler {
  return {
    type,
    params: { _id: 'token', identifier: 'token', name: 'string' },
    query: directoryQuery,
    async read(deps, ctx, id) {
      const found = (await list(deps, ctx)).find((r) => r.id === id);
      if (!found) throw notFound(type);
      return found;
    },
    async search(deps, ctx, raw, page: Page) {
      const { items, more } = pageOf(filtered(await list(deps, ctx), raw as DirectoryQuery, nameOf), page);
      return { resources: items, more };
    },
  };
}

/** The organisations of the caller's alliances, as the REST organisation list shows them. */
const organisations = async (deps: PlatformDeps, ctx: AccessContext) => (await listOrganisations(deps.db, ctx)).map(organizationOf);

/** The caller's organisation's staff, for its administrators only, as the REST staff list. */
async function staff(deps: PlatformDeps, ctx: AccessContext) {
  if (!hasRole(ctx, 'organisation_admin', 'alliance_admin')) throw forbidden('Requires one of the roles: organisation_admin, alliance_admin');
  return listStaff(deps.db, ctx);
}

export const organizationHandler = listDirectory('Organization', organisations, (r) => String(r.name));
export const practitionerHandler = listDirectory('Practitioner', async (deps, ctx) => (await staff(deps, ctx)).map(practitionerOf), (r) => (r.name as { text: string }[])[0]?.text ?? '');
export const practitionerRoleHandler = listDirectory(
  'PractitionerRole',
  async (deps, ctx) => (await staff(deps, ctx)).map((s) => practitionerRoleOf(s, ctx.organisationId)),
  (r) => (r.practitioner as { display?: string }).display ?? '',
);
export const locationHandler = listDirectory('Location', async (deps, ctx) => (await listLocations(deps, ctx)).map(locationOf), (r) => String(r.name));
