import { addMonths, format, parse } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import type { AccessContext } from '../../../platform/access/index.js';
import { invalid } from '../../../platform/http/index.js';
import { allianceSettings } from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { requirePartnerRole } from '../partners/roles.js';
import { nonUseReasons } from '../research/codes.js';
import type { Analytics, AnalyticsQuery } from './schemas.js';
import { unmetReasons, unmetSearchReasons } from './schemas.js';
import { unmetSearchCounts } from '../public/unmet-search-store.js';
import * as store from './store.js';
import { suppressCount, suppressFigure, suppressRow } from './suppress.js';

/** At most three years at once: enough for a pilot's trend, small enough to answer at once. */
const MAX_MONTHS = 36;

const firstDay = (month: string) => `${month}-01`;
const shift = (month: string, by: number) => format(addMonths(parse(firstDay(month), 'yyyy-MM-dd', new Date()), by), 'yyyy-MM');

function periodOf(query: AnalyticsQuery, now: Date, zone: string) {
  const to = query.to ?? formatInTimeZone(now, zone, 'yyyy-MM');
  const from = query.from ?? shift(to, -11);
  if (from > to) throw invalid('The last month lies before the first', [{ path: 'to', code: 'too_small', message: 'before from' }]);
  if (shift(from, MAX_MONTHS - 1) < to) throw invalid(`At most ${MAX_MONTHS} months at once`, [{ path: 'from', code: 'too_big', message: 'too long' }]);
  return { from, to, until: firstDay(shift(to, 1)) };
}

const rateOf = (booked: number, available: number) => (available > 0 ? Math.round((booked / available) * 1000) / 1000 : null);

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The municipality's figures: occupancy, stays with lead time, cancellations and no-shows, unmet requests,
 * public searches that found nothing, and the questionnaires' non-use reasons. Occupancy counts beds and nights, not people, and is shown in
 * full; every figure about people's stays, requests or answers is hidden below the alliance's minimum group.
 */
export async function readAnalytics(deps: RespiteDeps, ctx: AccessContext, query: AnalyticsQuery): Promise<Analytics> {
  const { allianceId } = await requirePartnerRole(deps.db, ctx, 'analytics', 'Analytics');
  const settings = await allianceSettings(deps.db, allianceId);
  const k = settings.min_group_size;
  const zone = settings.time_zone;
  const { from, to, until } = periodOf(query, deps.now(), zone);
  const [occupancyRows, stayRows, requestRows, nonUseRows, searchRows] = await Promise.all([
    store.occupancy(deps.db, allianceId, firstDay(from), firstDay(to)),
    store.stays(deps.db, allianceId, firstDay(from), firstDay(to), zone),
    store.requestOutcomes(deps.db, allianceId, firstDay(from), until, zone),
    store.nonUse(deps.db, allianceId, firstDay(from), until, zone),
    unmetSearchCounts(deps.db, allianceId, firstDay(from), until),
  ]);
  const occupancy = occupancyRows.map((r) => {
    const available = Math.max(0, r.bed_nights - r.blocked_nights);
    return { locationId: r.location_id, location: r.location, offerType: r.offer_type, municipality: r.municipality, month: r.month, availableNights: available, bookedNights: r.booked_nights, rate: rateOf(r.booked_nights, available) };
  }) as Analytics['occupancy'];
  const byType = new Map<string, Analytics['occupancyByOfferType'][number]>();
  for (const o of occupancy) {
    const key = `${o.offerType}|${o.month}`;
    const sum = byType.get(key) ?? { offerType: o.offerType, month: o.month, availableNights: 0, bookedNights: 0, rate: null };
    sum.availableNights += o.availableNights;
    sum.bookedNights += o.bookedNights;
    sum.rate = rateOf(sum.bookedNights, sum.availableNights);
    byType.set(key, sum);
  }
  const stays = stayRows.map((r) => ({
    locationId: r.location_id, location: r.location, offerType: r.offer_type, month: r.month,
    stays: suppressCount(r.stays, k), cancelled: r.stays < k ? null : suppressCount(r.cancelled, k), noShow: r.stays < k ? null : suppressCount(r.no_show, k),
    medianLeadDays: suppressFigure(median(r.lead_days), r.lead_days.length, k),
  })) as Analytics['stays'];
  const municipalities = [...new Set(requestRows.map((r) => r.municipality))];
  const unmet = municipalities.flatMap((municipality) => {
    const mine = requestRows.filter((r) => r.municipality === municipality);
    const total = mine.reduce((sum, r) => sum + r.n, 0);
    const row = suppressRow(total, unmetReasons.map((reason) => mine.find((r) => r.outcome === reason)?.n ?? 0), k);
    return unmetReasons.map((reason, i) => ({ municipality, requests: row.total, reason, n: row.cells[i] ?? null }));
  });
  const unmetSearches = [...new Set(searchRows.map((r) => r.municipality))].flatMap((municipality) => {
    const mine = searchRows.filter((r) => r.municipality === municipality);
    const total = mine.reduce((sum, r) => sum + r.n, 0);
    const row = suppressRow(total, unmetSearchReasons.map((reason) => mine.find((r) => r.reason === reason)?.n ?? 0), k);
    return unmetSearchReasons.map((reason, i) => ({ municipality, searches: row.total, reason, n: row.cells[i] ?? null }));
  });
  // No complementary suppression here: an answer names any number of reasons, so the cells do not add up to the total.
  const nonUse = [...new Set(nonUseRows.map((r) => r.municipality))].flatMap((municipality) => {
    const answers = nonUseRows.find((r) => r.municipality === municipality && r.total)?.n ?? 0;
    return nonUseReasons.map((reason) => ({ municipality, answers: suppressCount(answers, k), reason, n: answers < k ? null : suppressCount(nonUseRows.find((r) => r.municipality === municipality && !r.total && r.reason === reason)?.n ?? 0, k) }));
  });
  return { from, to, minGroupSize: k, occupancy, occupancyByOfferType: [...byType.values()], stays, unmet, unmetSearches, nonUse };
}
