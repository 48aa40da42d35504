import { createHmac } from 'node:crypto';
import type { AccessContext } from '../../../platform/access/index.js';
import { ensureCitizen } from '../../../platform/auth/index.js';
import { conflict, invalid, notFound } from '../../../platform/http/index.js';
import { nightsRange } from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { intakeFor } from '../public/service.js';
import { requirePartnerRole } from './roles.js';
import type { ReferralBody, WmoDecisionBody } from './schemas.js';

/**
 * A GP or practice nurse refers an overburdened caregiver: the referral becomes a request at the intake
 * (by default welfare's caregiver consultant), owned by the caregiver's citizen account like a request from
 * the public form. The referrer hears the reference and the intake, and can read nothing back.
 */
export async function refer(deps: RespiteDeps, ctx: AccessContext, input: ReferralBody) {
  const { allianceId } = await requirePartnerRole(deps.db, ctx, 'refer', 'Referral');
  if (input.from >= input.to) throw invalid('The stay must last at least one night', [{ path: 'to', code: 'too_small', message: 'after from' }]);
  const intake = await intakeFor(deps, allianceId, input.municipality, input.route);
  const citizen = await ensureCitizen(deps.db, { allianceId, email: input.caregiverEmail, name: input.caregiverName });
  const row = await deps.db
    .insertInto('respite_request')
    .values({
      alliance_id: allianceId, organisation_id: intake.organisation_id, route: input.route, municipality: input.municipality, wanted: nightsRange(input.from, input.to),
      for_whom: input.forWhom, needs: input.needs, contact_name: input.caregiverName, contact_email: input.caregiverEmail, contact_phone: input.caregiverPhone ?? null,
      // The rate limit's key for the public form; a referral is not limited, so it keys on the referring organisation.
      source_hash: createHmac('sha256', deps.secretBox.subKey('respite-request-source')).update(`referral:${ctx.organisationId}`).digest('hex'),
      citizen_id: citizen.id, referred_by_organisation_id: ctx.organisationId, strain_score: input.strainScore ?? null, created_at: deps.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const vars = { name: input.caregiverName, intake: intake.name, intakePhone: intake.phone, from: input.from, to: input.to, location: '', reference: row.id.slice(0, 8) };
  await deps.notify(input.caregiverEmail, 'request_received', vars, allianceId);
  await deps.notify(intake.email, 'request_for_intake', vars, allianceId);
  return { reference: vars.reference, intake: { name: intake.name, phone: intake.phone } };
}

/**
 * The municipality decides on Wmo funding for a request it took in or one of its residents sent. A refusal closes the request as
 * unmet for lack of funding (the analytics count it); a grant states nights per year and validity.
 */
export async function decideWmo(deps: RespiteDeps, ctx: AccessContext, requestId: string, input: WmoDecisionBody): Promise<void> {
  const { allianceId } = await requirePartnerRole(deps.db, ctx, 'decideWmo', 'Request');
  await deps.db.transaction().execute(async (trx) => {
    // The municipality decides for the requests it took in, and for its residents' requests that another
    // intake (welfare, a care provider) handles: Wmo is the municipality of residence's to grant.
    const request = await trx
      .selectFrom('respite_request')
      .select(['id', 'status'])
      .where('id', '=', requestId)
      .where('alliance_id', '=', allianceId)
      .where((eb) =>
        eb.or([
          eb('organisation_id', '=', ctx.organisationId),
          eb.exists(
            eb.selectFrom('respite_intake as i').select('i.organisation_id')
              .whereRef('i.alliance_id', '=', 'respite_request.alliance_id').whereRef('i.municipality', '=', 'respite_request.municipality')
              .where('i.route', '=', 'wmo').where('i.organisation_id', '=', ctx.organisationId),
          ),
        ]),
      )
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound('Request');
    const decided = await trx
      .insertInto('respite_wmo_decision')
      .values({
        request_id: requestId, alliance_id: allianceId, organisation_id: ctx.organisationId, granted: input.granted, nights_per_year: input.nightsPerYear ?? null,
        valid_from: input.validFrom ?? null, valid_until: input.validUntil ?? null, reference: input.reference, refusal_reason: input.refusalReason ?? null, decided_by: ctx.actorId, decided_at: deps.now(),
      })
      .onConflict((oc) => oc.column('request_id').doNothing())
      .returning('request_id')
      .executeTakeFirst();
    if (!decided) throw conflict('This request already has a Wmo decision');
    if (!input.granted && request.status !== 'closed') await trx.updateTable('respite_request').set({ status: 'closed', outcome: 'no_funding' }).where('id', '=', requestId).execute();
  });
}
