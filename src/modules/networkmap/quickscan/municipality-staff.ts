import type { StaffContext } from '../../../platform/access/index.js';
import { forbidden, notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { moderationLevelOrNone, visibleTo } from '../moderation/access.js';
import { toRound } from './rounds.js';
import { municipalitiesOfOrganisation, municipalityForScans, scanOfMunicipality, scansOfMunicipality, setMunicipalityNote } from './store.js';

/**
 * A municipality's quick-scan is read by the municipality's own staff (its organisation on the
 * platform is linked to the municipality), by its network's coordinator and by the national body.
 * Anyone else gets "not found", as for a network's history, so it never tells which municipality has
 * rounds. Any staff member of the municipality reads it: the scores speak about the municipality.
 */
async function readableMunicipality(deps: NetworkMapDeps, ctx: StaffContext, municipalityId: string) {
  const municipality = await municipalityForScans(deps.db, municipalityId);
  if (!municipality) throw notFound('Municipality');
  if (municipality.organisation_id === ctx.organisationId) return { ...municipality, own: true };
  const level = await moderationLevelOrNone(deps.db, ctx);
  if (!level || !visibleTo(level, ctx, municipality.network_id)) throw notFound('Municipality');
  return { ...municipality, own: false };
}

/** The municipalities whose organisation the caller works for (usually one), for the municipality's own page. */
export async function ownMunicipalities(deps: NetworkMapDeps, ctx: StaffContext) {
  return municipalitiesOfOrganisation(deps.db, ctx.organisationId);
}

/** All rounds of one municipality, oldest first, each compared with the one before; read-only. */
export async function municipalityScanHistory(deps: NetworkMapDeps, ctx: StaffContext, municipalityId: string) {
  const municipality = await readableMunicipality(deps, ctx, municipalityId);
  const rows = await scansOfMunicipality(deps.db, municipalityId);
  const rounds: ReturnType<typeof toRound>[] = [];
  for (const row of rows) rounds.push(toRound(row, rounds.at(-1)?.scores));
  return { municipalityId: municipality.id, municipality: municipality.name, network: municipality.network_name, canExplain: municipality.own, rounds };
}

/**
 * The municipality's own explanation of a round. The scores and the coordinator's notes stay as
 * recorded (they were agreed in the conversation); the municipality adds its word beside them, and may
 * rewrite it. Its network's coordinator and the national body see the round but may not write the
 * municipality's words (403); anyone else does not see the round at all (404).
 */
export async function explainRound(deps: NetworkMapDeps, ctx: StaffContext, scanId: string, note: string): Promise<void> {
  const scan = await scanOfMunicipality(deps.db, scanId);
  if (!scan) throw notFound('Quick-scan');
  const municipality = await readableMunicipality(deps, ctx, scan.municipality_id);
  if (!municipality.own) throw forbidden('Only the municipality’s own staff explain its quick-scan');
  await setMunicipalityNote(deps.db, scanId, { municipality_note: note, municipality_note_by: ctx.actorId, municipality_note_at: deps.now() });
}
