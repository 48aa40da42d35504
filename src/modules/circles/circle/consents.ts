import { listConsents, withClientAccess, withdrawConsent, type ConsentView } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import type { CircleActor } from '../actor.js';
import { requireCircle } from './service.js';
import * as store from './store.js';

export interface CircleConsent extends ConsentView {
  grantee: { kind: 'organisation' | 'member'; name: string };
}

/**
 * The person's consents with whom they name, so the page can say in plain words who may see what,
 * since when and until when. Withdrawn ones stay in the list: the person sees who could see what when.
 */
export async function listCircleConsents(deps: PlatformDeps, ctx: CircleActor, clientId: string): Promise<CircleConsent[]> {
  return withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'read', resource: 'consent', sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const consents = await listConsents(trx, permit);
    const organisations = await store.organisationNames(trx, [...new Set(consents.flatMap((c) => (c.granteeOrganisationId ? [c.granteeOrganisationId] : [])))]);
    const members = await trx.selectFrom('circle_member').select(['citizen_id', 'name']).where('circle_id', '=', circle.id).where('citizen_id', 'is not', null).execute();
    const memberNames = new Map(members.map((m) => [m.citizen_id, m.name]));
    return consents.map((c) => ({
      ...c,
      grantee: c.granteeCitizenId ? { kind: 'member', name: memberNames.get(c.granteeCitizenId) ?? '' } : { kind: 'organisation', name: organisations.get(c.granteeOrganisationId ?? '') ?? '' },
    }));
  });
}

/** Withdrawal takes effect at commit: the next decision for that grantee no longer finds the consent. */
export async function withdrawCircleConsent(deps: PlatformDeps, ctx: CircleActor, clientId: string, consentId: string): Promise<void> {
  await withdrawConsent(deps.db, ctx, clientId, consentId);
}
