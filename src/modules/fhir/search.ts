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
