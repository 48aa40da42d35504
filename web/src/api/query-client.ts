import { QueryClient } from '@tanstack/react-query';
import { isTransient, RETRY_DELAYS_MS } from './retry-policy.js';

/**
 * The one set of rules for every read in the web app. Answers are stale at once (live events and
 * actions decide when to refetch, not a timer) but stay on screen while a refetch runs or fails, so a
 * board never blanks and a nurse keeps her assignments on a weak signal. Only transient failures are
 * retried, with backoff, and not while the browser is offline (TanStack pauses until it is back and then
 * refetches). Window focus does not refetch: it would move what a keyboard user is reading. Answers
 * are dropped as soon as no screen shows them, so client data never outlives the screen whose access allowed it.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        gcTime: 0,
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
        retry: (failures, error) => isTransient(error) && failures <= RETRY_DELAYS_MS.length,
        retryDelay: (failures) => (RETRY_DELAYS_MS[failures - 1] ?? 15000) * (0.8 + Math.random() * 0.4),
      },
    },
  });
}
