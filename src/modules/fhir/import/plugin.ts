import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../../platform/deps.js';
import { importRoutes } from './routes.js';
import { claimDueSource, releaseSource } from './store.js';
import { runSync } from './sync.js';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.js';

/** How often each instance looks for due sources; each source's own interval is its setting. */
const SWEEP_MS = 60_000;
/** Sources one sweep runs at most; the rest wait for the next. */
const PER_SWEEP = 10;

export interface FhirImportOptions {
  /** Accept http:// endpoints (tests' loopback fake server); production takes https only. */
  allowHttp?: boolean;
  /** Off for tests that drive `sweepImports` themselves. */
  sweep?: boolean;
  /** The guard's limits (private addresses, response size, time); production's defaults where left out. */
  limits?: Partial<ImportLimits>;
}

export const importLimits = (options: FhirImportOptions): ImportLimits => ({ ...DEFAULT_LIMITS, ...options.limits });

/** Where the sweep says what failed: the app's logger (tests hand in their own). */
export type ImportLog = Pick<FastifyBaseLogger, 'warn'>;

/**
 * Runs the due syncs. Safe on every instance at once: each source is claimed FOR UPDATE SKIP LOCKED
 * with a lease, so one sync runs per source however many instances sweep. A failed run is in the
 * organisation's history; the log gets the same reason, since nobody waits on a scheduled run's answer.
 */
export async function sweepImports(deps: PlatformDeps, limits: ImportLimits, now = new Date(), log?: ImportLog): Promise<number> {
  let runs = 0;
  for (; runs < PER_SWEEP; runs++) {
    const source = await claimDueSource(deps.db, now);
    if (!source) break;
    try {
      const { run } = await runSync(deps, source, limits);
      if (run.status === 'failed') log?.warn({ organisationId: source.organisation_id, runId: run.id, errors: run.errors }, 'FHIR import sync failed');
    } finally {
      await releaseSource(deps.db, source.organisation_id);
    }
  }
  return runs;
}

/** The import of an organisation's clients from its own FHIR endpoint: the admin routes and the sweep. */
export function fhirImportPlugin(deps: PlatformDeps, options: FhirImportOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const limits = importLimits(options);
    await app.register(importRoutes(deps, { allowHttp: options.allowHttp ?? false, limits }));
    if (options.sweep === false) return;
    const timer = setInterval(() => {
      sweepImports(deps, limits, new Date(), app.log).catch((error: unknown) => app.log.error(error));
    }, SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}
