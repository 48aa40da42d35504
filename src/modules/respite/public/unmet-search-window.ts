import { createHash } from 'node:crypto';

const HOUR_MS = 3_600_000;
/** Past this many live keys the oldest go first: a flood of distinct searches must not grow memory without end. */
const MAX_KEYS = 50_000;

/**
 * Lets one source count the same unmet search at most once an hour, so repeating a search cannot inflate
 * the unmet-demand figures. Kept in memory only, keyed by a hash of the address and the search: no address
 * is stored anywhere, and a restart merely forgets who searched (per server instance, which is good enough
 * for a figure, not a security control).
 */
export function unmetSearchWindow(now: () => Date) {
  const until = new Map<string, number>();
  return {
    /** True the first time in the hour this source makes this search; the caller logs only then. */
    firstThisHour(source: string, search: unknown): boolean {
      const key = createHash('sha256').update(source).update('\n').update(JSON.stringify(search)).digest('base64url');
      const at = now().getTime();
      const open = until.get(key);
      if (open !== undefined && open > at) return false;
      until.delete(key);
      if (until.size >= MAX_KEYS) {
        for (const [k, expires] of until) if (expires <= at) until.delete(k);
        // Still full: drop the oldest (a Map keeps insertion order); at worst one search is counted twice.
        for (const k of until.keys()) {
          if (until.size < MAX_KEYS) break;
          until.delete(k);
        }
      }
      until.set(key, at + HOUR_MS);
      return true;
    },
  };
}

export type UnmetSearchWindow = ReturnType<typeof unmetSearchWindow>;
