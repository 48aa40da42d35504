import { ApiError } from './client.js';

/** Waits between attempts: about 1, 2, 4, 8 and 15 seconds, so a tunnel or a dead spot is bridged in half a minute. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000] as const;

/**
 * Worth another try: no answer at all (status 0) or a gateway that could not reach the server.
 * A 4xx is the server's considered answer and a plain 500 is a bug; retrying either changes nothing.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}
