import { actingAlliance, revokeAssignmentAccess, withClientAccess, type AccessContext } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/index.js';
import { identifyClients, permittedLocation } from '../clients/index.js';
import { allianceNight, allianceSettings } from '../nightteam/index.js';
import { instantOnNight } from './night-clock.js';
import type { SeriesCreate, SeriesEdit } from './schemas.js';
import { isNightRule, seriesHasNight } from './series-rule.js';
import * as store from './series-store.js';
import { assertPlannedVisitsOn, windowOnNight } from './visits.js';

const refuseRule = () => invalid('The recurrence rule is not a valid RFC 5545 rule over nights', [{ path: 'rrule', code: 'invalid_rrule', message: "Use a rule such as FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO; the hour comes from the window" }]);

/** A recurring visit from a care agreement, by the client's home organisation; it becomes visits night by night when a night is planned. */
export async function addSeries(deps: PlatformDeps, ctx: AccessContext, input: SeriesCreate): Promise<string> {
  return withClientAccess(deps.db, ctx, input.clientId, { level: 'change', action: 'plan_visit', resource: 'planned_visit', fields: ['location'], reason: 'series' }, async (trx, permit) => {
    await assertPlannedVisitsOn(trx, permit.allianceId);
    if (!isNightRule(input.rrule, input.firstNight)) throw refuseRule();
    const client = await permittedLocation(trx, permit);
    if (client.latitude === null || client.longitude === null) throw invalid('The client has no coordinates; add them to the address first', [{ path: 'clientId', code: 'no_location', message: 'The client has no coordinates' }]);
    await windowOnNight(trx, permit.allianceId, input.firstNight, input);
    return store.insertSeries(trx, { ...input, allianceId: permit.allianceId, organisationId: permit.clientOrganisationId, clientId: permit.clientId, latitude: client.latitude, longitude: client.longitude, createdBy: ctx.actorId });
  });
}

/** The series of the caller's organisation in the acting alliance, clients identified through the access rules. */
export async function listSeries(deps: PlatformDeps, ctx: AccessContext) {
  const allianceId = actingAlliance(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await store.seriesOfOrganisation(trx, allianceId, ctx.organisationId ?? '');
    const who = await identifyClients(trx, ctx, [...new Set(rows.map((r) => r.client_id))], 'night_planning');
    return rows.map((r) => {
      const id = who.get(r.client_id);
      return {
        id: r.id,
        clientId: r.client_id,
        clientName: id ? `${id.givenName} ${id.familyName}` : null,
        careAgreement: r.care_agreement,
        task: r.task,
        rrule: r.rrule,
        firstNight: r.first_night,
        lastNight: r.last_night,
        windowStart: r.window_start,
        windowEnd: r.window_end,
        durationMinutes: r.duration_minutes,
        requiredSkills: r.required_skills,
        priority: r.priority,
      };
    });
  });
}

/** Runs `work` on a series of the caller's alliance with the home organisation's right to change it (audited); anyone else is told it does not exist. */
async function withSeries(deps: PlatformDeps, ctx: AccessContext, seriesId: string, fields: string[], work: (trx: Executor, series: store.Series) => Promise<void>): Promise<void> {
  const found = await store.findSeries(deps.db, seriesId);
  if (!found || !ctx.allianceIds.includes(found.alliance_id)) throw notFound('Visit series');
  await withClientAccess(deps.db, ctx, found.client_id, { level: 'change', action: 'update', resource: 'planned_visit', fields, reason: `series:${seriesId}` }, async (trx, permit) => {
    const series = await store.lockSeries(trx, seriesId);
    if (!series || series.organisation_id !== permit.clientOrganisationId) throw notFound('Visit series');
    await assertPlannedVisitsOn(trx, series.alliance_id);
    await work(trx, series);
  });
}

/** Removes the series' visits that have not begun, so the next planning of their nights expands them from the series as it now is. */
async function dropUnstarted(trx: Executor, seriesId: string, afterNight?: string): Promise<void> {
  const ids = (await store.unstartedOccurrences(trx, seriesId, new Date(), afterNight)).map((r) => r.id);
  for (const id of ids) await revokeAssignmentAccess(trx, `visit:${id}`);
  await store.deleteVisits(trx, ids);
}

/** Changes a series; its visits that have not begun follow the change when their night is planned again. */
export async function editSeries(deps: PlatformDeps, ctx: AccessContext, seriesId: string, input: SeriesEdit): Promise<void> {
  await withSeries(deps, ctx, seriesId, Object.keys(input), async (trx, series) => {
    if (input.rrule !== undefined && !isNightRule(input.rrule, series.first_night)) throw refuseRule();
    if ((input.windowStart === undefined) !== (input.windowEnd === undefined)) {
      throw invalid('Give both ends of the window', [{ path: input.windowStart === undefined ? 'windowStart' : 'windowEnd', code: 'window_incomplete', message: 'Give both ends of the window' }]);
    }
    if (input.windowStart !== undefined && input.windowEnd !== undefined) await windowOnNight(trx, series.alliance_id, series.first_night, { windowStart: input.windowStart, windowEnd: input.windowEnd });
    await store.updateSeries(trx, seriesId, {
      ...(input.careAgreement !== undefined ? { care_agreement: input.careAgreement } : {}),
      ...(input.task !== undefined ? { task: input.task } : {}),
      ...(input.rrule !== undefined ? { rrule: input.rrule } : {}),
      ...(input.windowStart !== undefined ? { window_start: input.windowStart } : {}),
      ...(input.windowEnd !== undefined ? { window_end: input.windowEnd } : {}),
      ...(input.durationMinutes !== undefined ? { duration_minutes: input.durationMinutes } : {}),
      ...(input.requiredSkills !== undefined ? { required_skills: input.requiredSkills } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
    });
    await dropUnstarted(trx, seriesId);
  });
}

/** Stops a series after a night: later nights get no visit, and those already made for them that have not begun are removed. */
export async function stopSeries(deps: PlatformDeps, ctx: AccessContext, seriesId: string, lastNight: string): Promise<void> {
  await withSeries(deps, ctx, seriesId, ['last_night'], async (trx, series) => {
    if (lastNight < series.first_night) throw invalid('The last night lies before the first', [{ path: 'lastNight', code: 'before_first_night', message: 'The last night lies before the first' }]);
    if (series.last_night !== null && lastNight > series.last_night) throw conflict('The series already stopped earlier; start a new one');
    await store.updateSeries(trx, seriesId, { last_night: lastNight });
    await dropUnstarted(trx, seriesId, lastNight);
  });
}

/**
 * Expands the alliance's series into the night's planned visits, when the night is planned. Idempotent:
 * the unique (series, night) index makes planning the night twice add nothing. No client data is read
 * (the series carries what the visit needs), so there is no access check here; the series' creation had one.
 */
export async function expandSeriesOnNight(trx: Executor, allianceId: string, night: string, plannerId: string): Promise<void> {
  const series = (await store.seriesOnNight(trx, allianceId, night)).filter((s) => seriesHasNight(s.rrule, s.first_night, night));
  if (!series.length) return;
  const [shift, settings] = await Promise.all([allianceNight(trx, allianceId, night), allianceSettings(trx, allianceId)]);
  for (const s of series) {
    const windowStart = instantOnNight(night, s.window_start, settings.night_shift_start, shift.zone);
    const windowEnd = instantOnNight(night, s.window_end, settings.night_shift_start, shift.zone);
    // The shift's hours may have changed since the series was made: a window outside tonight's shift is not expanded.
    if (windowStart < shift.startsAt || windowEnd > shift.endsAt || windowEnd < windowStart) continue;
    await store.insertOccurrence(trx, s, night, { windowStart, windowEnd }, plannerId);
  }
}
