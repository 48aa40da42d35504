import { withClientAccess, type ClientPermit } from '../../../platform/access/index.js';
import { isUniqueViolation } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict } from '../../../platform/http/index.js';
import type { Language } from '../../../platform/i18n/index.js';
import { lastPhaseWishes, personName, setLastPhaseWishes } from '../../clients/index.js';
import type { CircleActor } from '../actor.js';
import { requireCircle } from '../circle/service.js';
import { addEvent } from '../circle/store.js';
import { agreement, goal, type PlanBody } from '../schemas.js';
import { renderPlanPdf } from './pdf.js';

const goals = goal.array();
const agreements = agreement.array();

const EMPTY = { version: 0, what_matters: '', goals: [] as unknown, agreements: [] as unknown, review_on: null as string | null };

type PlanExecutor = Parameters<typeof requireCircle>[0];

/** The newest version, its history and the one fact of last-phase wishes, for a permit already decided. */
async function loadPlan(executor: PlanExecutor, permit: ClientPermit) {
  const circle = await requireCircle(executor, permit);
  const versions = await executor
    .selectFrom('circle_plan_version')
    .select(['version', 'what_matters', 'goals', 'agreements', 'review_on', 'changed_fields', 'changed_by_name', 'changed_at'])
    .where('circle_id', '=', circle.id)
    .orderBy('version', 'desc')
    .execute();
  const latest = versions[0] ?? EMPTY;
  return {
    version: latest.version,
    whatMatters: latest.what_matters,
    goals: goals.parse(latest.goals),
    agreements: agreements.parse(latest.agreements),
    reviewOn: latest.review_on,
    lastPhaseWishes: await lastPhaseWishes(executor, permit),
    history: versions.map((v) => ({ version: v.version, changedBy: v.changed_by_name, changedAt: v.changed_at, fields: v.changed_fields })),
  };
}

/** The plan as the caller may see it: the newest version, its history (who changed what, when), and the one fact of last-phase wishes. */
export async function readPlan(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, { level: 'circle_plan', action: 'read', resource: 'circle_plan', sharingPurpose: 'care_network' }, (executor, permit) => loadPlan(executor, permit));
}

/** The printable plan: the same read (audited as the PDF), rendered in the reader's language. */
export async function planPdf(deps: PlatformDeps, ctx: CircleActor, clientId: string, language: Language): Promise<Buffer> {
  const { plan, person } = await withClientAccess(deps.db, ctx, clientId, { level: 'circle_plan', action: 'read', resource: 'circle_plan', fields: ['pdf'], sharingPurpose: 'care_network' }, async (executor, permit) => ({
    plan: await loadPlan(executor, permit),
    person: await personName(executor, permit),
  }));
  return renderPlanPdf(plan, person, language);
}

const changedFields = (before: typeof EMPTY, after: PlanBody) =>
  [
    before.what_matters !== after.whatMatters && 'whatMatters',
    // Compared through the schemas: jsonb keeps keys in its own order, the schema gives both one order.
    JSON.stringify(goals.parse(before.goals)) !== JSON.stringify(goals.parse(after.goals)) && 'goals',
    JSON.stringify(agreements.parse(before.agreements)) !== JSON.stringify(agreements.parse(after.agreements)) && 'agreements',
    before.review_on !== after.reviewOn && 'reviewOn',
  ].filter((f): f is string => typeof f === 'string');

/**
 * A new version of the plan, written by whoever manages the circle (the person, the representative,
 * the home organisation's coordinators). A writer who saw an older version is refused rather than
 * overwriting someone else's words; the primary key on (circle, version) settles two at once.
 */
export async function writePlan(deps: PlatformDeps, ctx: CircleActor, clientId: string, body: PlanBody): Promise<number> {
  return withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'update', resource: 'circle_plan', sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const latest =
      (await trx.selectFrom('circle_plan_version').select(['version', 'what_matters', 'goals', 'agreements', 'review_on']).where('circle_id', '=', circle.id).orderBy('version', 'desc').limit(1).executeTakeFirst()) ?? EMPTY;
    if (latest.version !== body.baseVersion) throw conflict('The plan was changed by someone else in the meantime: reload it first');
    const fields = changedFields(latest, body);
    if (fields.length === 0) return latest.version;
    const version = latest.version + 1;
    await trx
      .insertInto('circle_plan_version')
      .values({
        circle_id: circle.id,
        version,
        alliance_id: permit.allianceId,
        organisation_id: permit.clientOrganisationId,
        what_matters: body.whatMatters,
        goals: JSON.stringify(body.goals),
        agreements: JSON.stringify(body.agreements),
        review_on: body.reviewOn,
        changed_fields: fields,
        changed_by_name: ctx.actorName,
        changed_by_kind: ctx.actorKind === 'citizen' ? 'citizen' : 'staff',
        changed_by_id: ctx.actorId,
      })
      .execute()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? conflict('The plan was changed by someone else in the meantime: reload it first') : error;
      });
    await addEvent(trx, circle, { type: 'plan_changed', actor: ctx.actorName, details: { version: String(version), fields: fields.join(',') } });
    return version;
  });
}

/** Last-phase wishes are the night summary's: changing them here changes what the night team reads. */
export async function writeWishes(deps: PlatformDeps, ctx: CircleActor, clientId: string, wishes: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'update', resource: 'last_phase_wishes', fields: ['wishes'], sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    await setLastPhaseWishes(trx, permit, wishes);
    await addEvent(trx, circle, { type: 'wishes_changed', actor: ctx.actorName });
  });
}
