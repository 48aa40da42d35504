import { fromZonedTime, formatInTimeZone } from 'date-fns-tz';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid } from '../../../platform/http/index.js';
import { evaluationScope, type EvaluationScope } from './access.js';
import type { EvaluationQuery } from './schemas.js';
import { servedFromSnapshot } from './snapshot.js';
import * as store from './store.js';

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));

/** The spread of lead times in hours; a group of fewer persons than the threshold shows only that it was suppressed. */
function spread(row: store.SpreadRow | undefined, minGroup: number) {
  const persons = row?.persons ?? 0;
  const shown = row !== undefined && persons >= minGroup;
  const q = shown ? (row.q ?? []) : [];
  return {
    suppressed: !shown && persons > 0,
    steps: shown ? row.steps : null,
    persons: shown ? persons : null,
    withinNormShare: shown ? share(row.within_norm, row.steps) : null,
    meanHours: shown ? round(row.mean, 1) : null,
    p25Hours: round(q[0], 1),
    p50Hours: round(q[1], 1),
    p75Hours: round(q[2], 1),
    p90Hours: round(q[3], 1),
  };
}

const DAY_MS = 86_400_000;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** At most two years: the monthly series stays readable and the queries bounded. */
const MAX_DAYS = 731;

/** The period in the alliance's zone, both dates included; by default the twelve months up to today. */
function period(query: EvaluationQuery, timeZone: string, now: Date) {
  const toDate = query.to ?? formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
  const fromDate = query.from ?? plusDays(`${Number(toDate.slice(0, 4)) - 1}${toDate.slice(4)}`, 1);
  const end = plusDays(toDate, 1);
  if (fromDate >= end) throw invalid('The period must start before it ends', [{ path: 'from', code: 'after_to', message: 'from > to' }]);
  if (Date.parse(end) - Date.parse(fromDate) > MAX_DAYS * DAY_MS) throw invalid('The period is at most two years', [{ path: 'from', code: 'too_long', message: `> ${MAX_DAYS} days` }]);
  return { fromDate, toDate, from: fromZonedTime(`${fromDate}T00:00:00`, timeZone), to: fromZonedTime(`${end}T00:00:00`, timeZone) };
}

async function equality(deps: PlatformDeps, w: store.Window, by: 'neighbourhood' | 'age_group', minGroup: number) {
  const [reach, lead] = await Promise.all([store.reachBy(deps.db, w, by), store.leadTimesBy(deps.db, w, by)]);
  const leadByKey = new Map(lead.map((r) => [r.key, r]));
  const keys = [...new Set([...reach.map((r) => r.key), ...lead.map((r) => r.key)])].sort();
  return keys.map((key) => {
    const r = reach.find((x) => x.key === key);
    const shown = r !== undefined && r.persons >= minGroup;
    return {
      key,
      suppressed: !shown,
      persons: shown ? r.persons : null,
      withCircle: shown ? r.with_circle : null,
      reachShare: shown ? share(r.with_circle, r.persons) : null,
      leadTime: spread(shown ? leadByKey.get(key) : undefined, minGroup),
    };
  });
}

/**
 * The evaluation of an alliance (or one organisation's persons) over a period, by the values:
 * person-centred, socially embedded, economically sustainable, right time, equality in health.
 * Aggregates only; every group smaller than the alliance's threshold is suppressed. Served from the
 * snapshot while it is fresh (snapshot.ts), computed and stored otherwise.
 */
export async function readEvaluation(deps: PlatformDeps, ctx: AccessContext, query: EvaluationQuery, now = new Date()) {
  const scope = await evaluationScope(deps.db, ctx, query);
  const p = period(query, scope.timeZone, now);
  return servedFromSnapshot(deps.db, { allianceId: scope.allianceId, organisationId: scope.organisationId, fromDate: p.fromDate, toDate: p.toDate, minGroup: scope.minGroup }, now, () => computeEvaluation(deps, scope, p));
}

async function computeEvaluation(deps: PlatformDeps, scope: EvaluationScope, p: ReturnType<typeof period>) {
  const w: store.Window = { allianceId: scope.allianceId, organisationId: scope.organisationId, from: p.from, to: p.to, timeZone: scope.timeZone };
  const min = scope.minGroup;
  const [goals, experience, tasks, hours, organisations, neighbourhoods, ageGroups] = await Promise.all([
    store.goalFigures(deps.db, w),
    store.experienceFigures(deps.db, w),
    store.taskFigures(deps.db, w),
    store.hoursPerMonth(deps.db, w),
    store.leadTimesByOrganisation(deps.db, w),
    equality(deps, w, 'neighbourhood', min),
    equality(deps, w, 'age_group', min),
  ]);
  const goalsShown = goals.persons >= min;
  const experienceShown = experience.persons >= min;
  const tasksShown = tasks.persons >= min;
  return {
    allianceId: scope.allianceId,
    organisationId: scope.organisationId,
    from: p.fromDate,
    to: p.toDate,
    minGroup: min,
    // Whether anyone in scope had a circle by the period's end (the last month's denominator): the page's empty state.
    hasCircles: (hours.at(-1)?.persons ?? 0) > 0,
    personCentred: {
      goals: { suppressed: !goalsShown && goals.persons > 0, persons: goalsShown ? goals.persons : null, goals: goalsShown ? goals.goals : null, met: goalsShown ? goals.met : null, metShare: goalsShown ? share(goals.met, goals.goals) : null },
      experience: {
        suppressed: !experienceShown && experience.persons > 0,
        persons: experienceShown ? experience.persons : null,
        mean: experienceShown ? round(experience.mean, 2) : null,
        p25: experienceShown ? round(experience.q?.[0], 2) : null,
        median: experienceShown ? round(experience.q?.[1], 2) : null,
        p75: experienceShown ? round(experience.q?.[2], 2) : null,
        counts: experienceShown ? experience.counts : null,
      },
    },
    sociallyEmbedded: {
      suppressed: !tasksShown && tasks.persons > 0,
      doneTasks: tasksShown ? tasks.done : null,
      informal: tasksShown ? tasks.informal : null,
      professional: tasksShown ? tasks.professional : null,
      informalShare: tasksShown ? share(tasks.informal, tasks.done) : null,
    },
    economicallySustainable: hours.map((m) => {
      const shown = m.persons >= min;
      return { month: m.month, suppressed: !shown && m.persons > 0, persons: shown ? m.persons : null, professionalHours: shown ? round(m.minutes / 60, 1) : null, tasksWithMinutes: shown ? m.tasks_with_minutes : null, hoursPerPerson: shown ? round(m.minutes / 60 / m.persons, 3) : null };
    }),
    rightTime: organisations.map((r) => ({ organisationId: r.organisation_id, organisationName: r.organisation_name, step: r.step, normHours: round(r.norm_hours, 1), leadTime: spread(r, min) })),
    equality: { neighbourhoods, ageGroups },
  };
}

export type EvaluationFigures = Awaited<ReturnType<typeof computeEvaluation>>;
export type Evaluation = Awaited<ReturnType<typeof readEvaluation>>;
