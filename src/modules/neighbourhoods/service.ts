import { actingAlliance, hasRole, type AccessContext, type AdminActor } from '../../platform/access/index.js';
import type { Db, ReadDb } from '../../platform/db/index.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/index.js';
import type { NeighbourhoodCreate, NeighbourhoodView } from './schemas.js';
import * as store from './store.js';

/**
 * The neighbourhood partnership (issue 13 item 6): the alliance administrator sets up the neighbourhood,
 * its partners and shared ambitions; each partner keeps its own commitments' progress up to date; and
 * residents read it all on a public page. Nothing here is client data.
 */

export const assertAdmin = (ctx: AccessContext, allianceId: string) => {
  if (!hasRole(ctx, 'alliance_admin') || !ctx.allianceIds.includes(allianceId)) throw forbidden('Requires the alliance administrator role in this alliance');
};

/** A neighbourhood of another alliance reads as not found. */
export async function neighbourhoodFor(db: Db, ctx: AccessContext, id: string) {
  const n = await store.findNeighbourhood(db, { id });
  if (!n || !ctx.allianceIds.includes(n.alliance_id)) throw notFound('Neighbourhood');
  return n;
}

export async function createNeighbourhood(db: Db, actor: AdminActor, input: NeighbourhoodCreate & { allianceId?: string }): Promise<string> {
  const allianceId = actor.actorKind === 'bootstrap' ? input.allianceId : actingAlliance(actor, input.allianceId);
  if (!allianceId) throw invalid('Which alliance?', [{ path: 'allianceId', code: 'required', message: 'Required' }]);
  if (actor.actorKind !== 'bootstrap') assertAdmin(actor, allianceId);
  const id = await store.insertNeighbourhood(db, allianceId, input);
  if (!id) throw conflict('A neighbourhood with this address already exists');
  return id;
}

export async function addPartner(db: Db, ctx: AccessContext, neighbourhoodId: string, organisationId: string): Promise<void> {
  const n = await neighbourhoodFor(db, ctx, neighbourhoodId);
  assertAdmin(ctx, n.alliance_id);
  if (!(await store.isAllianceMember(db, n.alliance_id, organisationId))) throw notFound('Organisation in this alliance');
  await store.addPartner(db, n, organisationId);
}

export async function addAmbition(db: Db, ctx: AccessContext, neighbourhoodId: string, ambition: { title: string; description: string; position: number }): Promise<string> {
  const n = await neighbourhoodFor(db, ctx, neighbourhoodId);
  assertAdmin(ctx, n.alliance_id);
  return store.addAmbition(db, n, ambition);
}

/** A commitment is a partner's own: the organisation must be a partner here and the ambition this neighbourhood's. */
export async function addCommitment(db: Db, ctx: AccessContext, neighbourhoodId: string, c: { ambitionId: string; organisationId: string; text: string; dueOn?: string | undefined }): Promise<string> {
  const n = await neighbourhoodFor(db, ctx, neighbourhoodId);
  assertAdmin(ctx, n.alliance_id);
  if (!(await store.ambitionIn(db, n.id, c.ambitionId))) throw notFound('Ambition');
  if (!(await store.isPartner(db, n.id, c.organisationId))) throw invalid('Not a partner in this neighbourhood', [{ path: 'organisationId', code: 'not_partner', message: 'Not a partner here' }]);
  return store.addCommitment(db, n, { ...c, dueOn: c.dueOn ?? null });
}

/** Progress is reported by the partner that made the commitment (its administrator or coordinator), or the alliance administrator. */
export async function reportProgress(db: Db, ctx: AccessContext, neighbourhoodId: string, commitmentId: string, progress: number, note: string): Promise<void> {
  const n = await neighbourhoodFor(db, ctx, neighbourhoodId);
  const commitment = await store.commitmentOf(db, n.id, commitmentId);
  if (!commitment) throw notFound('Commitment');
  const ownPartner = commitment.organisation_id === ctx.organisationId && hasRole(ctx, 'organisation_admin', 'coordinator');
  if (!ownPartner && !hasRole(ctx, 'alliance_admin')) throw forbidden('Only the partner that made this commitment reports its progress');
  await store.setProgress(db, commitment.id, progress, note);
}

export const listNeighbourhoods = (db: Db, ctx: AccessContext) => store.listNeighbourhoods(db, ctx.allianceIds);

/** The public page: the partnership by its address, each ambition's progress the mean of its commitments'. */
export async function publicNeighbourhood(db: ReadDb, slug: string): Promise<NeighbourhoodView> {
  const n = await store.findNeighbourhood(db, { slug });
  if (!n) throw notFound('Neighbourhood');
  return viewOf(db, n);
}

/** The same page for the alliance's staff, by id: what the administrator edits is what residents read. */
export async function readNeighbourhood(db: Db, ctx: AccessContext, id: string): Promise<NeighbourhoodView> {
  return viewOf(db, await neighbourhoodFor(db, ctx, id));
}

async function viewOf(db: ReadDb, n: store.NeighbourhoodRow): Promise<NeighbourhoodView> {
  const { partners, ambitions, commitments } = await store.partnership(db, n.id);
  return {
    id: n.id,
    slug: n.slug,
    name: n.name,
    municipality: n.municipality,
    postcodes: n.postcodes,
    intro: n.intro,
    fictional: n.fictional,
    partners: partners.map((p) => ({ organisationId: p.id, name: p.name, kind: p.kind })),
    ambitions: ambitions.map((a) => {
      const own = commitments.filter((c) => c.ambition_id === a.id);
      return {
        id: a.id,
        title: a.title,
        description: a.description,
        progress: own.length === 0 ? 0 : Math.round(own.reduce((sum, c) => sum + c.progress, 0) / own.length),
        commitments: own.map((c) => ({ id: c.id, partner: c.partner, organisationId: c.organisation_id, text: c.text, dueOn: c.due_on, progress: c.progress, note: c.progress_note, updatedAt: c.updated_at })),
      };
    }),
  };
}
