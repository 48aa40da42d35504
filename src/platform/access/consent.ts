import type { Db, Executor } from '../db/index.js';
import { invalid, notFound } from '../http/index.light.js';
import type { AccessRequest, CircleScope, ClientAccessLevel, ClientPermit } from './client-access.js';
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
  return withClientAccess(db, ctx, consent.clientId, { ...recorderRequest(ctx), action: 'record_consent', resource: 'consent', fields: consent.levels, purpose: consent.purpose }, (trx, permit) =>
    insertConsent(trx, permit, ctx, consent),
  );
}

/**
 * Stores a consent inside a change the caller already holds a permit for (a circle member invited
 * together with their consent, in one transaction). The permit must come from a change or the
 * circle's management: the level that lets its holder decide about the person's data.
 */
export async function insertConsent(trx: Executor, permit: ClientPermit, ctx: ConsentRecorder, consent: ConsentRecord): Promise<string> {
  if (permit.clientId !== consent.clientId) throw notFound('Client');
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

/** Withdraws every open consent naming one grantee (a member leaving the circle), inside the caller's change. */
export async function withdrawConsentsOf(trx: Executor, permit: ClientPermit, grantee: { citizenId: string } | { organisationId: string; userId?: string | null }, at = new Date()): Promise<number> {
  let query = trx.updateTable('client_consent').set({ withdrawn_at: at }).where('client_id', '=', permit.clientId).where('withdrawn_at', 'is', null);
  if ('citizenId' in grantee) query = query.where('grantee_citizen_id', '=', grantee.citizenId);
  else {
    query = query.where('grantee_organisation_id', '=', grantee.organisationId);
    query = grantee.userId ? query.where('grantee_user_id', '=', grantee.userId) : query.where('grantee_user_id', 'is', null);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ConsentView {
  id: string;
  granteeOrganisationId: string | null;
  granteeUserId: string | null;
  granteeCitizenId: string | null;
  purpose: SharingPurpose;
  levels: ConsentLevel[];
  givenBy: string;
  giverKind: 'person' | 'representative';
  givenAt: Date;
  endsAt: Date | null;
  withdrawnAt: Date | null;
}

/** The client's consents, newest first, withdrawn ones included: the person sees who could see what when. */
export async function listConsents(executor: Executor, permit: ClientPermit): Promise<ConsentView[]> {
  const rows = await executor
    .selectFrom('client_consent')
    .select(['id', 'grantee_organisation_id', 'grantee_user_id', 'grantee_citizen_id', 'purpose', 'levels', 'given_by', 'giver_kind', 'given_at', 'ends_at', 'withdrawn_at'])
    .where('client_id', '=', permit.clientId)
    .orderBy('given_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    granteeOrganisationId: r.grantee_organisation_id,
    granteeUserId: r.grantee_user_id,
    granteeCitizenId: r.grantee_citizen_id,
    purpose: r.purpose,
    levels: r.levels,
    givenBy: r.given_by,
    giverKind: r.giver_kind,
    givenAt: r.given_at,
    endsAt: r.ends_at,
    withdrawnAt: r.withdrawn_at,
  }));
}
