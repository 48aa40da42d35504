import { fastestChains } from './fastest-chains.js';
import type { Location, TravelMatrix } from './model.js';
import type { TravelModel } from './travel-model.js';

export interface OsrmOptions {
  /** Base URL of the OSRM server, without a trailing slash. */
  readonly baseUrl: string;
  /** The server's profile name (`driving` for a car.lua extract). */
  readonly profile?: string;
  readonly timeoutMs?: number;
  /**
   * The server's `--max-table-size` (osrm-routed's default is 100). Older servers refuse a request with
   * more coordinates than that, newer ones one with more than its square of sources × destinations
   * ("TooBig"). Larger matrices are fetched in tiles of half as many sources and half as many
   * destinations, so a tile's coordinates stay within the limit under either rule.
   */
  readonly maxTableSize?: number;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** The table service's answer (OSRM HTTP API v1, "Table service"). */
interface OsrmTableResponse {
  readonly code: string;
  readonly message?: string;
  readonly durations?: readonly (readonly (number | null)[])[];
  readonly distances?: readonly (readonly (number | null)[])[];
}

/** OSRM reports unroutable pairs as null; a huge but finite value keeps the solver's arithmetic sane. */
const UNREACHABLE = 1e9;
const DEFAULT_MAX_TABLE_SIZE = 100;

/**
 * Travel model backed by an OSRM server's table service:
 * `GET /table/v1/{profile}/{lon,lat;...}?sources=..&destinations=..&annotations=duration,distance`.
 * A matrix larger than the server allows is split into tiles (a block of sources × a block of
 * destinations per request) and assembled; any failed tile fails the whole matrix, never a partial one.
 * No pair's drive is slower than a chain of drives past other addresses (`fastestChains`).
 */
export function createOsrmTravelModel(options: OsrmOptions): TravelModel {
  const doFetch = options.fetch ?? fetch;
  const profile = options.profile ?? 'driving';
  const block = Math.max(1, Math.floor((options.maxTableSize ?? DEFAULT_MAX_TABLE_SIZE) / 2));

  async function tile(locations: readonly Location[], from: readonly number[], to: readonly number[], out: TravelMatrix): Promise<void> {
    const same = from === to;
    const points = same ? from : [...from, ...to];
    const coords = points.map((i) => `${locations[i]!.x.toFixed(6)},${locations[i]!.y.toFixed(6)}`).join(';');
    const params = same ? '' : `sources=${from.map((_, k) => k).join(';')}&destinations=${to.map((_, k) => from.length + k).join(';')}&`;
    const url = `${options.baseUrl}/table/v1/${profile}/${coords}?${params}annotations=duration,distance`;
    const res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    const body = (await res.json().catch(() => ({ code: 'NotJson' }))) as OsrmTableResponse;
    if (!res.ok || body.code !== 'Ok' || !body.durations || !body.distances) {
      throw new Error(`OSRM table failed: ${res.status} ${body.code}${body.message ? ` ${body.message}` : ''}`);
    }
    place(body.durations, from, to, out.seconds, out.size);
    place(body.distances, from, to, out.meters, out.size);
  }

  return {
    async matrix(locations: readonly Location[]): Promise<TravelMatrix> {
      const size = locations.length;
      const out: TravelMatrix = { size, seconds: new Float64Array(size * size), meters: new Float64Array(size * size) };
      const blocks: number[][] = [];
      for (let start = 0; start < size; start += block) blocks.push(Array.from({ length: Math.min(block, size - start) }, (_, k) => start + k));
      // One block alone may use the whole limit; pairs of blocks use half each.
      if (size <= block * 2) {
        const all = blocks.flat();
        if (size > 0) await tile(locations, all, all, out);
      } else {
        for (const from of blocks) for (const to of blocks) await tile(locations, from, to, out);
      }
      return fastestChains(out);
    },
  };
}

function place(rows: readonly (readonly (number | null)[])[], from: readonly number[], to: readonly number[], target: Float64Array, size: number): void {
  if (rows.length !== from.length || rows.some((r) => r.length !== to.length)) throw new Error('OSRM table has the wrong shape');
  rows.forEach((row, i) => row.forEach((v, j) => (target[from[i]! * size + to[j]!] = v ?? UNREACHABLE)));
}

/**
 * OSRM first, the offline model when the server does not answer: the plan is still made, and the
 * warning says on which roads it was made, for the planner page to show.
 */
export function withOfflineFallback(primary: TravelModel, offline: TravelModel, onFallback: (reason: string) => void): TravelModel {
  return {
    async matrix(locations) {
      try {
        return await primary.matrix(locations);
      } catch (error) {
        onFallback(error instanceof Error ? error.message : String(error));
        return offline.matrix(locations);
      }
    },
  };
}
