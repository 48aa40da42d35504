import type { Location, TravelMatrix } from './model.js';
import type { TravelModel } from './travel-model.js';

export interface OsrmOptions {
  /** Base URL of the OSRM server, without a trailing slash. */
  readonly baseUrl: string;
  readonly profile?: string;
  readonly timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

interface OsrmTableResponse {
  readonly code: string;
  readonly message?: string;
  readonly durations?: readonly (readonly (number | null)[])[];
  readonly distances?: readonly (readonly (number | null)[])[];
}

/** OSRM reports unroutable pairs as null; a huge but finite value keeps the solver's arithmetic sane. */
const UNREACHABLE = 1e9;

/**
 * Travel model backed by an OSRM server's table service (`/table/v1/{profile}/{lon,lat;...}`).
 * One request per matrix; servers cap the table size (max-table-size, default 100), so large
 * problems need a server configured for them.
 */
export function createOsrmTravelModel(options: OsrmOptions): TravelModel {
  const doFetch = options.fetch ?? fetch;
  const profile = options.profile ?? 'driving';
  return {
    async matrix(locations: readonly Location[]): Promise<TravelMatrix> {
      const size = locations.length;
      if (size === 0) return { size, seconds: new Float64Array(0), meters: new Float64Array(0) };
      const coords = locations.map((l) => `${l.x.toFixed(6)},${l.y.toFixed(6)}`).join(';');
      const url = `${options.baseUrl}/table/v1/${profile}/${coords}?annotations=duration,distance`;
      const res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      const body = (await res.json()) as OsrmTableResponse;
      if (!res.ok || body.code !== 'Ok' || !body.durations || !body.distances) {
        throw new Error(`OSRM table failed: ${res.status} ${body.code}${body.message ? ` ${body.message}` : ''}`);
      }
      return { size, seconds: flatten(body.durations, size), meters: flatten(body.distances, size) };
    },
  };
}

function flatten(rows: readonly (readonly (number | null)[])[], size: number): Float64Array {
  if (rows.length !== size || rows.some((r) => r.length !== size)) throw new Error('OSRM table has the wrong shape');
  const out = new Float64Array(size * size);
  rows.forEach((row, i) => row.forEach((v, j) => (out[i * size + j] = v ?? UNREACHABLE)));
  return out;
}
