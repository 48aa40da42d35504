import { listOrganisations } from '../../alliance/index.js';
import type { StaffContext } from '../../../platform/access/index.js';
import { isUniqueViolation } from '../../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { moderationLevelOf, visibleTo } from '../moderation/access.js';
import { municipalityForScans, municipalityLinksOfNetwork, setMunicipalityOrganisation } from './store.js';

/**
 * The network coordinator (or the national body) says which organisation on the platform is the
 * municipality itself, so its staff can read the municipality's quick-scan; null unlinks it. Only an
 * organisation of kind municipality in the caller's own alliances qualifies, and one organisation is
 * one municipality (the unique column decides, so two coordinators at once cannot both win).
 */
export async function linkOrganisation(deps: NetworkMapDeps, ctx: StaffContext, municipalityId: string, organisationId: string | null): Promise<void> {
  const level = await moderationLevelOf(deps.db, ctx);
  const municipality = await municipalityForScans(deps.db, municipalityId);
  if (!municipality || !visibleTo(level, ctx, municipality.network_id)) throw notFound('Municipality');
  if (organisationId) {
    const organisation = (await listOrganisations(deps.db, ctx)).find((o) => o.id === organisationId);
    if (organisation?.kind !== 'municipality') throw invalid('Choose a municipality’s organisation', [{ path: 'organisationId', code: 'not_a_municipality', message: 'not a municipality in your alliance' }]);
  }
  try {
    await setMunicipalityOrganisation(deps.db, municipalityId, organisationId);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('This organisation is already linked to another municipality');
    throw error;
  }
}

/**
 * What the coordinator chooses from on the dashboard: the municipality organisations of the caller's
 * alliances, and per municipality of the network the organisation it is linked to now (named even when
 * it lies outside the caller's alliances, as for the national body, so the choice never hides a link).
 */
export async function linkChoices(deps: NetworkMapDeps, ctx: StaffContext, networkId: string) {
  const level = await moderationLevelOf(deps.db, ctx);
  if (!visibleTo(level, ctx, networkId)) throw notFound('Network');
  const links = await municipalityLinksOfNetwork(deps.db, networkId);
  if (links.length === 0) throw notFound('Network'); // no such network, or one without a region: nothing to link
  // An organisation in two of the caller's alliances is listed once.
  const organisations = new Map((await listOrganisations(deps.db, ctx)).filter((o) => o.kind === 'municipality').map((o) => [o.id, { id: o.id, name: o.name }]));
  return {
    organisations: [...organisations.values()],
    municipalities: links.map((m) => ({ id: m.id, name: m.name, organisation: m.organisation_id ? { id: m.organisation_id, name: m.organisation_name ?? '' } : null })),
  };
}
