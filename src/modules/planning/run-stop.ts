import type { Db } from '../../platform/db/index.js';
import * as store from './store.js';

/**
 * Aborts a run's solver once its stop is requested. The request is a column, polled here, because the
 * coordinator's "stop" may reach another instance than the one running the solver.
 */
export function watchStopRequest(db: Db, runId: string, controller: AbortController, intervalMs = 500): () => void {
  const timer = setInterval(() => {
    store.stopRequested(db, runId).then(
      (requested) => requested && controller.abort(),
      () => undefined, // A missed poll is retried at the next tick; the time limit still ends the run.
    );
  }, intervalMs);
  return () => clearInterval(timer);
}
