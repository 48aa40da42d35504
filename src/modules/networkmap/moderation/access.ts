import type { StaffContext } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { forbidden } from '../../../platform/http/index.js';
import type { ModerationLevel } from '../lifecycle.js';

/**
 * Who moderates: the network coordinator of a palliative-care network decides on calls in the network's
 * own region; staff of a national support body (Agora, Fibula) take the second look. The role alone is
 * not enough: the organisation's kind says which level it is, so a network coordinator placed in
 * another kind of organisation moderates nothing.
 */
export async function moderationLevelOf(db: Executor, ctx: StaffContext): Promise<ModerationLevel> {
  const level = await moderationLevelOrNone(db, ctx);
  if (!level) throw forbidden('Only a network coordinator or a national support body moderates initiatives');
  return level;
}

/** The same, without refusing: for routes that other staff (a municipality's) may use too. */
export async function moderationLevelOrNone(db: Executor, ctx: StaffContext): Promise<ModerationLevel | undefined> {
  const organisation = await db.selectFrom('organisation').select('kind').where('id', '=', ctx.organisationId).executeTakeFirst();
  if (organisation?.kind === 'palliative_care_network' && ctx.roles.includes('network_coordinator')) return 'network';
  if (organisation?.kind === 'national_support_body' && ctx.roles.some((r) => r === 'network_coordinator' || r === 'coordinator')) return 'national';
  return undefined;
}

/** A network's coordinator sees only their own region; the national body sees every network. */
export const visibleTo = (level: ModerationLevel, ctx: StaffContext, networkId: string) => level === 'national' || networkId === ctx.organisationId;
