import { sql } from 'kysely';
import type { StaffContext } from '../../../platform/access/index.js';
import { notFound } from '../../../platform/http/index.js';
import { needsWithMatches } from '../demand/service.js';
import type { NetworkMapDeps } from '../deps.js';
import { dayOf } from '../initiatives/store.js';
import { moderationLevelOf, visibleTo } from '../moderation/access.js';
import { averageOf } from '../quickscan/questions.js';
import { VERIFY_AFTER } from '../verification/sweep.js';

/** The networks a moderator may open a dashboard for: their own, or every network for the national body. */
export async function networksOf(deps: NetworkMapDeps, ctx: StaffContext) {
  const level = await moderationLevelOf(deps.db, ctx);
  return deps.db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', '=', 'palliative_care_network')
    .where('id', 'in', (eb) => eb.selectFrom('network_municipality').select('network_id'))
    .$if(level === 'network', (q) => q.where('id', '=', ctx.organisationId))
    .orderBy('name')
    .execute();
}

/**
 * One network at a glance (issue 14, item 8): per municipality whether an initiative covers it, its
 * latest quick-scan and its gaps; the themes worked on; how many initiatives wait for re-verification.
 */
export async function networkDashboard(deps: NetworkMapDeps, ctx: StaffContext, networkId: string) {
  const level = await moderationLevelOf(deps.db, ctx);
  if (!visibleTo(level, ctx, networkId)) throw notFound('Network');
  const network = await deps.db.selectFrom('organisation').select(['id', 'name']).where('id', '=', networkId).where('kind', '=', 'palliative_care_network').executeTakeFirst();
  if (!network) throw notFound('Network');
  const municipalities = await deps.db
    .selectFrom('network_municipality as m')
    .select((eb) => [
      'm.id', 'm.name', 'm.latitude', 'm.longitude',
      eb.selectFrom('initiative as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.municipality_id', '=', 'm.id').where('i.status', '=', 'accepted').where('i.stage', '<>', 'stopped').as('initiatives'),
    ])
    .where('m.network_id', '=', networkId)
    .orderBy('m.name')
    .execute();
  const latest = await deps.db
    .selectFrom('quick_scan')
    .distinctOn('municipality_id')
    .select(['municipality_id', 'held_on', 'work_together', 'find_each_other', 'needs_aligned'])
    .where('network_id', '=', networkId)
    .orderBy('municipality_id')
    .orderBy('held_on', 'desc')
    .execute();
  const scanOf = new Map(latest.map((s) => {
    const scores = { workTogether: s.work_together, findEachOther: s.find_each_other, needsAligned: s.needs_aligned };
    return [s.municipality_id, { heldOn: s.held_on, scores, average: averageOf(scores) }];
  }));
  const needs = await needsWithMatches(deps.db, { networkId });
  const themes = await deps.db
    .selectFrom(sql<{ theme: string }>`(SELECT unnest(themes) AS theme FROM initiative WHERE network_id = ${networkId} AND status = 'accepted' AND stage <> 'stopped')`.as('t'))
    .select(['t.theme', (eb) => eb.fn.countAll<number>().as('initiatives')])
    .groupBy('t.theme')
    .orderBy('initiatives', 'desc')
    .orderBy('t.theme')
    .execute();
  const due = await deps.db
    .selectFrom('initiative')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('status', '=', 'accepted')
    .where(sql<boolean>`(coalesce(last_verified_on, accepted_at::date) + ${VERIFY_AFTER}::interval)::date <= ${dayOf(deps.now())}::date`)
    .executeTakeFirstOrThrow();
  return {
    network,
    municipalities: municipalities.map((m) => {
      const own = needs.filter((n) => n.municipality.id === m.id);
      const initiatives = Number(m.initiatives ?? 0);
      return {
        id: m.id, name: m.name, latitude: m.latitude, longitude: m.longitude, initiatives, covered: initiatives > 0,
        latestScan: scanOf.get(m.id) ?? null, needs: own.length, gaps: own.filter((n) => n.match.level === 'gap').length,
      };
    }),
    themes: themes.map((t) => ({ theme: t.theme, initiatives: Number(t.initiatives) })),
    gaps: needs.filter((n) => n.match.level === 'gap').map((n) => ({ id: n.id, municipality: n.municipality.name, description: n.description, theme: n.theme, targetGroup: n.targetGroup })),
    dueForVerification: Number(due.n),
  };
}
