import { z } from 'zod';
import { invalid } from '../../platform/http/index.js';

/** Page size when a search names no `_count`, and the most one page holds. */
export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

/**
 * What every search takes: `_count` and `_offset` for the pages (the next link carries them), `_format`
 * as FHIR clients send it. Each resource adds its own parameters; any other is refused rather than
 * ignored, because a search that silently drops a filter returns more than was asked.
 */
export const pageParams = {
  _count: z.coerce.number().int().min(1).max(MAX_COUNT).default(DEFAULT_COUNT),
  _offset: z.coerce.number().int().min(0).max(10_000).default(0),
  _format: z.enum(['json', 'application/json', 'application/fhir+json']).optional(),
};

export interface Page {
  count: number;
  offset: number;
}

/** A FHIR id: letters, digits, '-' and '.', at most 64. */
export const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'Not a FHIR id');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

/** `patient=Patient/<id>` or `patient=<id>`: the client's id, or a 400 for anything else. */
export function patientId(value: string): string {
  const id = value.replace(/^Patient\//, '');
  if (!isUuid(id)) throw invalid('The patient parameter takes Patient/<id>', [{ path: 'patient', code: 'invalid_format', message: 'Patient/<id>' }]);
  return id;
}

/** `system|value` of a token parameter; a value alone matches any system. */
export function token(value: string): { system?: string; value: string } {
  const bar = value.indexOf('|');
  return bar < 0 ? { value } : { system: value.slice(0, bar) || undefined, value: value.slice(bar + 1) };
}

/** Pages a list already in hand (a client's flags, an organisation's staff). */
export function pageOf<T>(items: T[], page: Page): { items: T[]; more: boolean } {
  return { items: items.slice(page.offset, page.offset + page.count), more: items.length > page.offset + page.count };
}

/** A comma-separated `_id` list, as FHIR allows. */
export const idList = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : undefined);

/** One end of a `_lastUpdated` range, as SQL compares it. */
export interface TimeBound {
  op: '>' | '>=' | '<' | '<=';
  at: Date;
}

const DATE_PARAM = /^(eq|gt|ge|lt|le)?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** `_lastUpdated`, repeatable for a range (`ge2026-01-01&_lastUpdated=lt2026-02-01`). */
export const lastUpdatedParam = z
  .union([z.string().regex(DATE_PARAM, 'Takes a date or instant with eq, gt, ge, lt or le'), z.array(z.string().regex(DATE_PARAM, 'Takes a date or instant with eq, gt, ge, lt or le')).max(4)])
  .optional();

/**
 * `_lastUpdated` as bounds on the update time. A date without a time is the whole UTC day (FHIR's
 * precision rule): `gt2026-03-01` starts after that day, `le2026-03-01` ends with it, `eq` is the day.
 */
export function lastUpdatedBounds(value: string | string[] | undefined): TimeBound[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.flatMap((v): TimeBound[] => {
    const [, prefix = 'eq', day = '', time] = DATE_PARAM.exec(v) ?? [];
    const start = new Date(time ? `${day}${time}` : `${day}T00:00:00Z`);
    if (Number.isNaN(start.getTime())) throw invalid('_lastUpdated is not a valid date', [{ path: '_lastUpdated', code: 'invalid_date', message: v }]);
    // An instant is its own start and end; a day ends where the next begins.
    const end = time ? start : new Date(start.getTime() + 86_400_000);
    const inclusiveEnd = !time ? '<' : '<=';
    switch (prefix) {
      case 'gt':
        return [{ op: time ? '>' : '>=', at: end }];
      case 'ge':
        return [{ op: '>=', at: start }];
      case 'lt':
        return [{ op: '<', at: start }];
      case 'le':
        return [{ op: inclusiveEnd, at: end }];
      default:
        return [{ op: '>=', at: start }, { op: inclusiveEnd, at: end }];
    }
  });
}

/** Whether an update time lies within every bound (for lists already in hand). */
export const withinBounds = (at: Date | string | undefined, bounds: TimeBound[]) => {
  if (bounds.length === 0) return true;
  if (at === undefined) return false;
  const t = new Date(at).getTime();
  return bounds.every((b) => (b.op === '>' ? t > b.at.getTime() : b.op === '>=' ? t >= b.at.getTime() : b.op === '<' ? t < b.at.getTime() : t <= b.at.getTime()));
};
