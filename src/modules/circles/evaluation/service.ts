import { fromZonedTime, formatInTimeZone } from 'date-fns-tz';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid } from '../../../platform/http/index.js';
import { evaluationScope, type EvaluationScope } from './access.js';
import { estimatePersons, percentiles, type Bucket } from './histogram.js';
import type { EvaluationQuery } from './schemas.js';
import * as store from './store.js';

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));

interface LeadGroup {
  steps: number;
  within_norm: number;
  hours: number;
  bits: number;
}

/**
 * The spread of lead times in hours. A group is shown only when the bits its persons set reach the
 * threshold: the bits never exceed the persons, so a group too small is never shown (one just above
 * it may, rarely, be hidden). Persons shown are estimated from the bits, percentiles read from the histogram.
 */
function spread(group: LeadGroup | undefined, buckets: Bucket[], minGroup: number) {
  const shown = group !== undefined && group.bits >= minGroup;
  const q = shown ? (percentiles(buckets, group.steps) ?? []) : [];
  return {
    suppressed: !shown && (group?.steps ?? 0) > 0,
    steps: shown ? group.steps : null,
    persons: shown ? estimatePersons(group.bits, group.steps) : null,
    withinNormShare: shown ? share(group.within_norm, group.steps) : null,
    meanHours: shown ? round(group.hours / group.steps, 1) : null,
    p25Hours: round(q[0], 1),
    p50Hours: round(q[1], 1),
    p75Hours: round(q[2], 1),
    p90Hours: round(q[3], 1),
  };
}

/** Periods are whole months in the alliance's zone: `from` goes back to its month's first day, `to` on to its month's last. */
const MAX_MONTHS = 24;
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const firstOfMonth = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The period; by default the twelve months up to and including the current one. */
function period(query: EvaluationQuery, timeZone: string, now: Date) {
  const toDate = query.to ?? formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
  const fromDate = query.from ?? firstOfMonth(monthIndex(toDate) - 11);
  if (fromDate > toDate) throw invalid('The period must start before it ends', [{ path: 'from', code: 'after_to', message: 'from > to' }]);
  const first = monthIndex(fromDate);
  const after = monthIndex(toDate) + 1;
  if (after - first > MAX_MONTHS) throw invalid('The period is at most two years', [{ path: 'from', code: 'too_long', message: `> ${MAX_MONTHS} months` }]);
  const fromMonth = firstOfMonth(first);
  const toMonth = firstOfMonth(after);
  return { fromDate: fromMonth, toDate: dayBefore(toMonth), fromMonth, toMonth, from: fromZonedTime(`${fromMonth}T00:00:00`, timeZone), to: fromZonedTime(`${toMonth}T00:00:00`, timeZone) };
}
export type Period = ReturnType<typeof period>;

type Cells = Awaited<ReturnType<typeof store.leadTimeCells>>;

/** One dimension's histogram buckets per group key. */
function bucketsByKey(rows: Awaited<ReturnType<typeof store.leadTimeBuckets>>) {
  const groups = new Map<string, Bucket[]>();
  for (const r of rows) {
    const list = groups.get(r.key);
    if (list) list.push(r);
    else groups.set(r.key, [r]);
  }
  return groups;
}

function equality(reach: Awaited<ReturnType<typeof store.reach>>, cells: Cells, buckets: Map<string, Bucket[]>, dim: 'neighbourhood' | 'birth_year', minGroup: number) {
  const reachOf = new Map(reach.filter((r) => r.dim === dim).map((r) => [r.key, r]));
  const cellOf = new Map(cells.filter((c) => c.dim === dim).map((c) => [c.key, c]));
  const keys = [...new Set([...reachOf.keys(), ...cellOf.keys()])].sort();
  return keys.map((key) => {
    const r = reachOf.get(key);
    const shown = r !== undefined && r.persons >= minGroup;
    return {
      key,
      suppressed: !shown,
      persons: shown ? r.persons : null,
      withCircle: shown ? r.with_circle : null,
      reachShare: shown ? share(r.with_circle, r.persons) : null,
      leadTime: spread(shown ? cellOf.get(key) : undefined, buckets.get(key) ?? [], minGroup),
    };
  });
}

/**
 * The evaluation of an alliance (or one organisation's persons) over a period of whole months, by the
 * issue's values: person-centred, socially embedded, economically sustainable, right time, equality in
 * health. Aggregates only; every group smaller than the alliance's threshold is suppressed. Read from
 * the roll-ups, so the figures are current to the last committed write.
 */
export async function readEvaluation(deps: PlatformDeps, ctx: AccessContext, query: EvaluationQuery, now = new Date()) {
  const scope = await evaluationScope(deps.db, ctx, query);
  const p = period(query, scope.timeZone, now);
  return { ...(await computeEvaluation(deps, scope, p)), computedAt: new Date().toISOString() };
}

async function computeEvaluation(deps: PlatformDeps, scope: EvaluationScope, p: Period) {
  const w: store.Window = { allianceId: scope.allianceId, scope: scope.organisationId ?? scope.allianceId, fromMonth: p.fromMonth, toMonth: p.toMonth, endYear: Number(p.toDate.slice(0, 4)), timeZone: scope.timeZone };
  const min = scope.minGroup;
  const [goals, experience, tasks, hours, cells, byStep, byNeighbourhood, byBirthYear, reach] = await Promise.all([
    store.goalFigures(deps.db, w),
    store.experienceFigures(deps.db, w),
    store.taskFigures(deps.db, w),
    store.hoursPerMonth(deps.db, w),
    store.leadTimeCells(deps.db, w),
    store.leadTimeBuckets(deps.db, w, 'step').then(bucketsByKey),
    store.leadTimeBuckets(deps.db, w, 'neighbourhood').then(bucketsByKey),
    store.leadTimeBuckets(deps.db, w, 'birth_year').then(bucketsByKey),
    store.reach(deps.db, w),
  ]);
  const goalsShown = goals.persons >= min;
  const experienceShown = experience.persons >= min;
  const tasksShown = tasks.bits >= min;
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
      suppressed: !tasksShown && tasks.done > 0,
      doneTasks: tasksShown ? tasks.done : null,
      informal: tasksShown ? tasks.informal : null,
      professional: tasksShown ? tasks.professional : null,
      informalShare: tasksShown ? share(tasks.informal, tasks.done) : null,
    },
    economicallySustainable: hours.map((m) => {
      const shown = m.persons >= min;
      return { month: m.month, suppressed: !shown && m.persons > 0, persons: shown ? m.persons : null, professionalHours: shown ? round(m.minutes / 60, 1) : null, tasksWithMinutes: shown ? m.tasks_with_minutes : null, hoursPerPerson: shown ? round(m.minutes / 60 / m.persons, 3) : null };
    }),
    rightTime: cells
      .filter((c) => c.dim === 'step')
      .map((c) => {
        const [owner = '-', step = ''] = c.key.split(' ');
        return { organisationId: owner === '-' ? null : owner, organisationName: c.organisation_name, step, normHours: round(c.norm_hours, 1), leadTime: spread(c, byStep.get(c.key) ?? [], min) };
      }),
    equality: { neighbourhoods: equality(reach, cells, byNeighbourhood, 'neighbourhood', min), ageGroups: equality(reach, cells, byBirthYear, 'birth_year', min) },
  };
}

export type Evaluation = Awaited<ReturnType<typeof readEvaluation>>;
