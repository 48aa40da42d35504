import { formatInTimeZone } from 'date-fns-tz';
import { invalid, notFound } from '../../../platform/http/index.js';
import { take, type RateRule } from '../../../platform/rate/index.js';
import * as availability from '../availability/store.js';
import type { RespiteDeps } from '../deps.js';
import { type PublicNeed, type PublicSearch } from './search-schemas.js';
import { logUnmetSearch, type UnmetSearch } from './unmet-search-store.js';

/** One source's same search counts once an hour (our choice): repeating it must not inflate the unmet-demand figure. */
const COUNT_ONCE: RateRule = { purpose: 'respite-unmet-search', windowMs: 3_600_000, limit: 1 };

const nightsBucket = (nights: number): UnmetSearch['nightsBucket'] => (nights <= 1 ? '1' : nights <= 3 ? '2-3' : nights <= 7 ? '4-7' : '8+');

/**
 * The public availability search: which places fit the ticked needs and have a bed for every night. A
 * search that finds no fitting place, or fitting places without room, is counted as unmet demand (issue 12
 * item 12: "searched but not requested"), anonymously: municipality, month, length bucket, offer type and
 * reason, nothing about who searched. The same search from the same source counts once an hour across all
 * instances (platform/rate keeps only a keyed hash of the two), so repeating it does not inflate the figure;
 * it is answered every time. The answer says only whether there is room, never which bed.
 */
export async function publicSearch(deps: RespiteDeps, source: string, allianceId: string, q: PublicSearch) {
  const alliance = await deps.db.selectFrom('alliance').select('time_zone').where('id', '=', allianceId).executeTakeFirst();
  if (!alliance) throw notFound('Alliance');
  const today = formatInTimeZone(deps.now(), alliance.time_zone, 'yyyy-MM-dd');
  // A search for past nights is no demand: refused, so it is never counted.
  if (q.from < today) throw invalid('The stay must lie ahead', [{ path: 'from', code: 'too_small', message: 'in the past' }]);
  const rows = await availability.searchFreeBeds(deps.db, { allianceId, from: q.from, to: q.to, municipality: q.municipality || undefined, offerType: q.offerType });
  const has = (r: { features: string[]; capabilities: string[] }, need: PublicNeed) => r.features.includes(need) || r.capabilities.includes(need);
  const places = rows
    .map((r) => ({ id: r.id, name: r.name, city: r.city, municipality: r.municipality, offerType: r.offer_type, fits: q.needs.every((n) => has(r, n)), room: r.free_beds.length > 0 }))
    .sort((a, b) => Number(b.fits && b.room) - Number(a.fits && a.room) || a.name.localeCompare(b.name, 'nl'));
  const found = places.some((p) => p.fits && p.room);
  const search = { allianceId, from: q.from, to: q.to, municipality: q.municipality ?? '', offerType: q.offerType ?? null, needs: [...q.needs].sort() };
  if (!found && (await take(deps, COUNT_ONCE, `${source}\n${JSON.stringify(search)}`)).allowed) {
    const nights = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000);
    await logUnmetSearch(deps.db, {
      allianceId, municipality: q.municipality ?? '', stayMonth: `${q.from.slice(0, 7)}-01`, nightsBucket: nightsBucket(nights),
      offerType: q.offerType ?? null, reason: places.some((p) => p.fits) ? 'no_room' : 'no_fit', searchedOn: today,
    });
  }
  return { found, places };
}
