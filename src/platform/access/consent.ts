import type { Db, Executor } from '../db/index.js';
import { invalid, notFound } from '../http/index.js';
import type { AccessRequest, CircleScope, ClientAccessLevel } from './client-access.js';
import type { CitizenContext, StaffContext } from './context.js';
import type { SharingPurpose } from './purposes.js';
import { withClientAccess } from './with-client-access.js';

/** The levels a consent may name (the table's CHECK holds the same list). */
export type ConsentLevel = Extract<ClientAccessLevel, 'identification' | 'night_summary' | 'record'> | CircleScope;

interface ConsentBase {
  clientId: string;
  purpose: SharingPurpose;
  levels: ConsentLevel[];
  /** The client, or their representative by name. */
  givenBy: string;
  /** Whether `givenBy` is the person or their legal representative (FHIR Consent.performer). */
  giverKind?: 'person' | 'representative';
  givenAt: Date;
  /** The end of the consent's period, if it has one; withdrawal ends it earlier. */
  endsAt?: Date;
}

/**
 * The grantee (FHIR Consent.provision.actor): an organisation, optionally only one member of its staff
 * (`granteeUserId`), or one citizen member of the person's care circle.
 */
export type ConsentRecord = ConsentBase & ({ granteeOrganisationId: string; granteeUserId?: string; granteeCitizenId?: never } | { granteeCitizenId: string; granteeOrganisationId?: never; granteeUserId?: never });

/** Who records and withdraws a consent: the client's own organisation (a change of the record) or the person or representative themselves. */
export type ConsentRecorder = StaffContext | CitizenContext;

const recorderRequest = (ctx: ConsentRecorder): Pick<AccessRequest, 'level'> => ({ level: ctx.actorKind === 'citizen' ? 'circle_manage' : 'change' });

const isMember = async (trx: Executor, allianceId: string, organisationId: string) =>
  (await trx.selectFrom('alliance_membership').select('organisation_id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirst()) !== undefined;

/**
 * Records a client's explicit consent (DESIGN.md §6, the third basis). The client's own organisation
 * records it, as it records an objection: a change of the client's sharing, audited in its transaction.
 * The consent opens nothing by itself: both organisations' agreements for the purpose must be in force.
 */
export function recordConsent(db: Db, ctx: ConsentRecorder, consent: ConsentRecord): Promise<string> {
  return withClientAccess(db, ctx, consent.clientId, { ...recorderRequest(ctx), action: 'record_consent', resource: 'consent', fields: consent.levels, purpose: consent.purpose }, async (trx, permit) => {
    if (consent.granteeOrganisationId !== undefined && !(await isMember(trx, permit.allianceId, consent.granteeOrganisationId))) {
      throw invalid('The organisation is not in the client’s alliance', [{ path: 'granteeOrganisationId', code: 'not_member', message: 'Not a member of the client’s alliance' }]);
    }
    const row = await trx
      .insertInto('client_consent')
      .values({
        alliance_id: permit.allianceId,
        client_id: permit.clientId,
        grantee_organisation_id: consent.granteeOrganisationId ?? null,
        grantee_user_id: consent.granteeUserId ?? null,
        grantee_citizen_id: consent.granteeCitizenId ?? null,
        purpose: consent.purpose,
        levels: consent.levels,
        given_by: consent.givenBy,
        giver_kind: consent.giverKind ?? 'person',
        given_at: consent.givenAt,
        ends_at: consent.endsAt ?? null,
        recorded_by: ctx.actorKind === 'user' ? ctx.actorId : null,
        recorded_by_citizen_id: ctx.actorKind === 'citizen' ? ctx.actorId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Withdraws a consent from now on; the row stays, so the record shows who could see what when. */
export async function withdrawConsent(db: Db, ctx: ConsentRecorder, clientId: string, consentId: string, at = new Date()): Promise<void> {
  await withClientAccess(db, ctx, clientId, { ...recorderRequest(ctx), action: 'withdraw_consent', resource: 'consent' }, async (trx, permit) => {
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
