import type { Executor } from '../../platform/db/index.js';

export interface SeriesRow {
  allianceId: string;
  organisationId: string;
  clientId: string;
  careAgreement: string;
  task: string;
  rrule: string;
  firstNight: string;
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  requiredSkills: string[];
  priority: number;
  latitude: number;
  longitude: number;
  createdBy: string;
}

export const insertSeries = async (executor: Executor, s: SeriesRow): Promise<string> =>
  (
    await executor
      .insertInto('planned_visit_series')
      .values({
        alliance_id: s.allianceId,
        organisation_id: s.organisationId,
        client_id: s.clientId,
        care_agreement: s.careAgreement,
        task: s.task,
        rrule: s.rrule,
        first_night: s.firstNight,
        window_start: s.windowStart,
        window_end: s.windowEnd,
        duration_minutes: s.durationMinutes,
        required_skills: s.requiredSkills,
        priority: s.priority,
        latitude: s.latitude,
        longitude: s.longitude,
        created_by: s.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

const seriesColumns = ['id', 'alliance_id', 'organisation_id', 'client_id', 'care_agreement', 'task', 'rrule', 'first_night', 'last_night', 'window_start', 'window_end', 'duration_minutes', 'required_skills', 'priority', 'latitude', 'longitude'] as const;

export const findSeries = (executor: Executor, id: string) => executor.selectFrom('planned_visit_series').select(seriesColumns).where('id', '=', id).executeTakeFirst();
export const lockSeries = (executor: Executor, id: string) => executor.selectFrom('planned_visit_series').select(seriesColumns).where('id', '=', id).forUpdate().executeTakeFirst();
export type Series = NonNullable<Awaited<ReturnType<typeof findSeries>>>;

export const seriesOfOrganisation = (executor: Executor, allianceId: string, organisationId: string) =>
  executor.selectFrom('planned_visit_series').select(seriesColumns).where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).orderBy('created_at').execute();

export type SeriesChange = Partial<{ care_agreement: string; task: string; rrule: string; window_start: string; window_end: string; duration_minutes: number; required_skills: string[]; priority: number; last_night: string }>;

export const updateSeries = (executor: Executor, id: string, change: SeriesChange) => executor.updateTable('planned_visit_series').set(change).where('id', '=', id).execute();

/** The alliance's series that may have a visit on the night: begun, not stopped before it, the night not deleted by hand. */
export const seriesOnNight = (executor: Executor, allianceId: string, night: string) =>
  executor
    .selectFrom('planned_visit_series')
    .select(seriesColumns)
    .where('alliance_id', '=', allianceId)
    .where('first_night', '<=', night)
    .where((eb) => eb.or([eb('last_night', 'is', null), eb('last_night', '>=', night)]))
    .where((eb) => eb.not(eb(eb.cast(eb.val(night), 'date'), '=', eb.fn.any('skipped_nights'))))
    .execute();

/** One visit of a series on a night; the unique (series, night) index makes a second expansion a no-op. */
export const insertOccurrence = (executor: Executor, s: Series, night: string, window: { windowStart: Date; windowEnd: Date }, createdBy: string) =>
  executor
    .insertInto('planned_visit')
    .values({
      alliance_id: s.alliance_id,
      organisation_id: s.organisation_id,
      client_id: s.client_id,
      night,
      task: s.task,
      window_start: window.windowStart,
      window_end: window.windowEnd,
      duration_minutes: s.duration_minutes,
      required_skills: s.required_skills,
      priority: s.priority,
      latitude: s.latitude,
      longitude: s.longitude,
      created_by: createdBy,
      series_id: s.id,
    })
    .onConflict((oc) => oc.columns(['series_id', 'night']).where('series_id', 'is not', null).doNothing())
    .execute();

/** The series' visits that have not begun (window still ahead, not started), optionally only after a night. */
export const unstartedOccurrences = (executor: Executor, seriesId: string, now: Date, afterNight?: string) =>
  executor
    .selectFrom('planned_visit')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('status', '=', 'planned')
    .where('window_start', '>', now)
    .$if(afterNight !== undefined, (q) => q.where('night', '>', afterNight ?? ''))
    .execute();

export const deleteVisits = (executor: Executor, ids: string[]) => (ids.length ? executor.deleteFrom('planned_visit').where('id', 'in', ids).execute() : Promise.resolve([]));
