import type { AccessContext } from '../../platform/access/index.js';
import { isUniqueViolation, type Db } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/http/index.js';
import type { NeighbourhoodUpdate } from './schemas.js';
import { assertAdmin, neighbourhoodFor } from './service.js';
import * as store from './store.js';

/** The alliance administrator's edits of a partnership; each shows on the public page at once. */

export async function updateNeighbourhood(db: Db, ctx: AccessContext, id: string, input: NeighbourhoodUpdate): Promise<void> {
  const n = await neighbourhoodFor(db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  await store.updateNeighbourhood(db, n.id, input).catch((error: unknown) => {
    throw isUniqueViolation(error) ? conflict('A neighbourhood with this address already exists') : error;
  });
}

export async function removePartner(db: Db, ctx: AccessContext, id: string, organisationId: string): Promise<void> {
  const n = await neighbourhoodFor(db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  const outcome = await store.removePartner(db, n.id, organisationId);
  if (outcome === 'absent') throw notFound('Partner');
  if (outcome === 'has_commitments') throw invalid('This partner still has commitments here', [{ path: 'organisationId', code: 'has_commitments', message: 'Has commitments' }]);
}

export async function updateAmbition(db: Db, ctx: AccessContext, id: string, ambitionId: string, ambition: { title: string; description: string; position: number }): Promise<void> {
  const n = await neighbourhoodFor(db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  if (!(await store.updateAmbition(db, n.id, ambitionId, ambition))) throw notFound('Ambition');
}

export async function updateCommitment(db: Db, ctx: AccessContext, id: string, commitmentId: string, commitment: { text: string; dueOn: string | null }): Promise<void> {
  const n = await neighbourhoodFor(db, ctx, id);
  assertAdmin(ctx, n.alliance_id);
  if (!(await store.updateCommitment(db, n.id, commitmentId, commitment))) throw notFound('Commitment');
}
