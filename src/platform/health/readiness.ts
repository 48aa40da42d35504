import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** One thing the instance needs before a load balancer sends it work. Resolves true when it is fine. */
export interface ReadinessCheck {
  name: string;
  check: () => boolean | Promise<boolean>;
}

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckStatus>;
}

/** A probe that hangs is a failed probe: a load balancer must get its answer well within its own timeout. */
const CHECK_TIMEOUT_MS = 2_000;

async function settle(check: ReadinessCheck, timeoutMs: number): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(check.check), timeout])) ? 'up' : 'down';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once; ready only when all are up. Says which failed, never why (no internals out). */
export async function readiness(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await settle(c, timeoutMs)] as const));
  return { ready: results.every(([, status]) => status === 'up'), checks: Object.fromEntries(results) };
}

/** The database answers a trivial query. */
export const databaseCheck = (db: Db): ReadinessCheck => ({
  name: 'database',
  check: async () => {
    await sql`SELECT 1`.execute(db);
    return true;
  },
});
