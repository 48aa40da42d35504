import type { Db, Executor } from '../db/index.js';
import { invalid, notFound } from '../http/index.js';
import type { ClientAccessLevel } from './client-access.js';
import type { StaffContext } from './context.js';
import type { SharingPurpose } from './purposes.js';
import { withClientAccess } from './with-client-access.js';

/** The levels a consent may name (the table's CHECK holds the same list). */
export type ConsentLevel = Extract<ClientAccessLevel, 'identification' | 'night_summary' | 'record'>;

export interface ConsentRecord {
  clientId: string;
  /** The organisation the client lets see their data; with `granteeUserId`, only that member of its staff. */
  granteeOrganisationId: string;
  granteeUserId?: string;
  purpose: SharingPurpose;
  levels: ConsentLevel[];
  /** The client, or their representative by name. */
  givenBy: string;
  givenAt: Date;
}

const isMember = async (trx: Executor, allianceId: string, organisationId: string) =>
  (await trx.selectFrom('alliance_membership').select('organisation_id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirst()) !== undefined;

/**
 * Records a client's explicit consent (DESIGN.md §6, the third basis). The client's own organisation
 * records it, as it records an objection: a change of the client's sharing, audited in its transaction.
 * The consent opens nothing by itself: both organisations' agreements for the purpose must be in force.
 */
export function recordConsent(db: Db, ctx: StaffContext, consent: ConsentRecord): Promise<string> {
  return withClientAccess(db, ctx, consent.clientId, { level: 'change', action: 'record_consent', resource: 'consent', fields: consent.levels, purpose: consent.purpose }, async (trx, permit) => {
    if (!(await isMember(trx, permit.allianceId, consent.granteeOrganisationId))) {
      throw invalid('The organisation is not in the client’s alliance', [{ path: 'granteeOrganisationId', code: 'not_member', message: 'Not a member of the client’s alliance' }]);
    }
    const row = await trx
      .insertInto('client_consent')
      .values({
        alliance_id: permit.allianceId,
        client_id: permit.clientId,
        grantee_organisation_id: consent.granteeOrganisationId,
        grantee_user_id: consent.granteeUserId ?? null,
        purpose: consent.purpose,
        levels: consent.levels,
        given_by: consent.givenBy,
        given_at: consent.givenAt,
        recorded_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Withdraws a consent from now on; the row stays, so the record shows who could see what when. */
export async function withdrawConsent(db: Db, ctx: StaffContext, clientId: string, consentId: string, at = new Date()): Promise<void> {
  await withClientAccess(db, ctx, clientId, { level: 'change', action: 'withdraw_consent', resource: 'consent' }, async (trx, permit) => {
    const withdrawn = await trx
      .updateTable('client_consent')
      .set({ withdrawn_at: at })
      .where('id', '=', consentId)
      .where('client_id', '=', permit.clientId)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!withdrawn) throw notFound('Consent');
  });
}
