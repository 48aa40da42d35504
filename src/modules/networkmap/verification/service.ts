import { notFound } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { changeInitiative, dayOf, lockInitiative } from '../initiatives/store.js';
import { hashToken } from '../tokens.js';

/**
 * The contact says the initiative still holds: verified today, the link used up. Only a POST does it
 * (the page's one button), so a mail scanner that follows the link verifies nothing.
 */
export async function reverify(deps: NetworkMapDeps, token: string): Promise<{ title: string; lastVerifiedOn: string }> {
  const today = dayOf(deps.now());
  return deps.db.transaction().execute(async (trx) => {
    const found = await lockInitiative(trx, { verifyTokenHash: hashToken(token) });
    if (found?.status !== 'accepted') throw notFound('Initiative');
    await changeInitiative(trx, found, { last_verified_on: today, verify_token_hash: null }, { actor_kind: 'submitter', actor_user_id: null, action: 'reverified' }, deps.now());
    return { title: found.title, lastVerifiedOn: today };
  });
}
