import type { StaffContext } from '../../../platform/access/index.js';
import { conflict, forbidden, notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { moderationLevelOf, visibleTo } from '../moderation/access.js';
import { municipalityWithNetwork } from '../municipalities.js';
import type { Scores } from './questions.js';
import { toRound } from './rounds.js';
import { insertScan, scansOfNetwork } from './store.js';

export interface ScanInput {
  municipalityId: string;
  heldOn: string;
  scores: Scores;
  notes: Partial<Record<keyof Scores, string>>;
  participants: string;
}

/**
 * A quick-scan round, filled in by the network coordinator together with the municipality (`participants`
 * names who took part). Only the coordinator of the municipality's own network records one: the scores
 * speak for that pair. The national body reads but does not score for a region.
 */
export async function recordScan(deps: NetworkMapDeps, ctx: StaffContext, input: ScanInput): Promise<{ id: string }> {
  const level = await moderationLevelOf(deps.db, ctx);
  if (level !== 'network') throw forbidden('The network coordinator fills in the quick-scan with the municipality');
  const municipality = await municipalityWithNetwork(deps.db, input.municipalityId);
  if (municipality.network_id !== ctx.organisationId) throw forbidden('This municipality lies in another network’s region');
  const id = await insertScan(deps.db, {
    alliance_id: municipality.alliance_id, network_id: municipality.network_id, municipality_id: municipality.id, held_on: input.heldOn,
    work_together: input.scores.workTogether, find_each_other: input.scores.findEachOther, needs_aligned: input.scores.needsAligned,
    work_together_note: input.notes.workTogether ?? '', find_each_other_note: input.notes.findEachOther ?? '', needs_aligned_note: input.notes.needsAligned ?? '',
    participants: input.participants, filled_by: ctx.actorId,
  });
  if (!id) throw conflict('This municipality already has a quick-scan round on that day');
  return { id };
}

/**
 * The comparison over time: per municipality of the network, its rounds oldest first, each with its
 * mean and how each answer moved since the round before. Seen by the network's coordinator and the
 * national body; never public, since the explanations are the municipality's and the network's own words.
 */
export async function scanHistory(deps: NetworkMapDeps, ctx: StaffContext, networkId: string) {
  const level = await moderationLevelOf(deps.db, ctx);
  if (!visibleTo(level, ctx, networkId)) throw notFound('Network');
  const rows = await scansOfNetwork(deps.db, networkId);
  const byMunicipality = new Map<string, { municipalityId: string; municipality: string; rounds: ReturnType<typeof toRound>[] }>();
  for (const row of rows) {
    const entry = byMunicipality.get(row.municipality_id) ?? { municipalityId: row.municipality_id, municipality: row.municipality, rounds: [] };
    entry.rounds.push(toRound(row, entry.rounds.at(-1)?.scores));
    byMunicipality.set(row.municipality_id, entry);
  }
  return [...byMunicipality.values()];
}
