import { actingAlliance, type AccessContext } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/http/index.js';

/**
 * What each partner of a respite alliance does in it (issue 12 item 13), by the kind of organisation.
 */
export interface PartnerRole {
  /** Refers an overburdened caregiver to intake (the GP or practice nurse). */
  refer: boolean;
  /**
   * Has an intake desk; which requests and referrals reach it, the alliance's intake routes decide (per
   * municipality the Wmo consultant, or welfare's or a care provider's caregiver consultant).
   */
  takeIn: boolean;
  /** Decides on Wmo funding (only a municipality may). */
  decideWmo: boolean;
  /** Reads the anonymised figures and questionnaire results. */
  analytics: boolean;
  /** Codes the questionnaires' free text into themes (research and regional support). */
  codeAnswers: boolean;
}

const none: PartnerRole = { refer: false, takeIn: false, decideWmo: false, analytics: false, codeAnswers: false };

/** By organisation kind; a kind not listed here has no respite role. */
export const PARTNER_ROLES: Readonly<Record<string, PartnerRole>> = {
  gp_post: { ...none, refer: true },
  hospital: { ...none, refer: true },
  welfare: { ...none, takeIn: true, analytics: true },
  municipality: { ...none, takeIn: true, decideWmo: true, analytics: true },
  care_provider: { ...none, takeIn: true, analytics: true },
  insurer: { ...none, analytics: true },
  older_persons_organisation: { ...none, analytics: true },
  knowledge_institute: { ...none, analytics: true, codeAnswers: true },
  regional_support: { ...none, analytics: true, codeAnswers: true },
};

/**
 * The caller's staff role in the acting respite alliance, or not found (a partner without the role learns
 * nothing about what lies behind the route). The alliance administrator reads figures and codes answers.
 */
export async function requirePartnerRole(db: Executor, ctx: AccessContext, what: keyof PartnerRole, resource = 'Resource'): Promise<{ allianceId: string; kind: string }> {
  if (ctx.actorKind !== 'user') throw notFound(resource);
  const allianceId = actingAlliance(ctx);
  const organisation = await db.selectFrom('organisation').select('kind').where('id', '=', ctx.organisationId).executeTakeFirst();
  const kind = organisation?.kind ?? '';
  const adminMay = ctx.roles.includes('alliance_admin') && (what === 'analytics' || what === 'codeAnswers');
  if (!adminMay && !PARTNER_ROLES[kind]?.[what]) throw notFound(resource);
  return { allianceId, kind };
}
