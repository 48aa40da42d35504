import type { StaffContext } from '../../../platform/access/index.js';
import type { ReadDb } from '../../../platform/db/index.js';
import { forbidden, invalid } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { moderationLevelOf } from '../moderation/access.js';
import { municipalityWithNetwork } from '../municipalities.js';
import type { NeedSource } from '../tables.js';
import { matchNeed } from './match.js';
import { activeInitiativesOf, insertNeed, needs } from './store.js';

export interface NeedInput {
  municipalityId: string;
  description: string;
  theme: string;
  targetGroup: string;
  source: NeedSource;
  personaId?: string | undefined;
  notedOn: string;
}

/**
 * A need noted by the network coordinator for a municipality in the network's own region, from a
 * professional's signal, an interview or a persona. It is published on the map, so it describes what
 * is needed, never who needs it.
 */
export async function recordNeed(deps: NetworkMapDeps, ctx: StaffContext, input: NeedInput): Promise<{ id: string }> {
  if ((await moderationLevelOf(deps.db, ctx)) !== 'network') throw forbidden('The network coordinator notes the needs of the region');
  const municipality = await municipalityWithNetwork(deps.db, input.municipalityId);
  if (municipality.network_id !== ctx.organisationId) throw forbidden('This municipality lies in another network’s region');
  if (input.source === 'persona') {
    const persona = input.personaId ? await deps.db.selectFrom('network_resource').select('id').where('id', '=', input.personaId).where('kind', '=', 'persona').executeTakeFirst() : undefined;
    if (!persona) throw invalid('A need from a persona names the persona', [{ path: 'personaId', code: 'unknown', message: 'no such persona' }]);
  }
  const id = await insertNeed(deps.db, {
    alliance_id: municipality.alliance_id, network_id: municipality.network_id, municipality_id: municipality.id, description: input.description, theme: input.theme,
    target_group: input.targetGroup, source: input.source, persona_id: input.source === 'persona' ? (input.personaId ?? null) : null, noted_on: input.notedOn, created_by: ctx.actorId,
  });
  return { id };
}

/** Needs with what meets them (in the municipality, in the region) or not (a gap). */
export async function needsWithMatches(db: ReadDb, where: { municipalityId?: string | undefined; networkId?: string | undefined }) {
  const rows = await needs(db, where);
  const candidates = await activeInitiativesOf(db, [...new Set(rows.map((r) => r.network_id))]);
  return rows.map((r) => {
    const match = matchNeed(r, candidates);
    return {
      id: r.id, municipality: { id: r.municipality_id, name: r.municipality, latitude: r.latitude, longitude: r.longitude }, network: { id: r.network_id, name: r.network },
      description: r.description, theme: r.theme, targetGroup: r.target_group, source: r.source, persona: r.persona_id ? { id: r.persona_id, title: r.persona_title ?? '' } : null, notedOn: r.noted_on,
      match: { level: match.level, initiatives: match.initiatives.map((i) => ({ id: i.id, title: i.title, municipality: i.municipality })) },
    };
  });
}
