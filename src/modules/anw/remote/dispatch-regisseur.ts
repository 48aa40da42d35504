import type { Executor } from '../../../platform/db/index.js';
import { nightDispatchOrganisations } from '../../nightteam/index.js';
import * as store from './store.js';

/**
 * The organisation that acts as Regisseur for the alliance's automatic dispatch: the one its night
 * coordinators work for; when they come from several, the one of those with a Nuts DID (the only one the
 * source can check). Undefined when that leaves no single organisation: a Task names no guessed party.
 */
export async function dispatchRegisseur(db: Executor, allianceId: string): Promise<string | undefined> {
  const organisations = await nightDispatchOrganisations(db, allianceId);
  if (organisations.length <= 1) return organisations[0];
  const withDid = (await Promise.all(organisations.map(async (id) => ((await store.settingOf(db, id))?.did ? id : undefined)))).filter((id) => id !== undefined);
  return withDid.length === 1 ? withDid[0] : undefined;
}
