import { ApiError } from '../../api/client.js';

/** Waits between attempts: about 1, 2, 4, 8 and 15 seconds, so a tunnel or a dead spot is bridged in half a minute. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000] as const;

/**
 * Worth another try: no answer at all (status 0) or a gateway that could not reach the server.
 * A 4xx is the server's considered answer and a plain 500 is a bug; retrying either changes nothing.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

function abortError(): DOMException {
  return new DOMException('Aborted', 'AbortError');
}

/** Resolves after `ms`, and then not before the browser is back online; rejects when aborted. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const cleanup = () => {
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      signal.removeEventListener('abort', onAbort);
    };
    const finish = () => {
      if (navigator.onLine) {
        cleanup();
        resolve();
      }
    };
    const onOnline = () => finish();
    const onAbort = () => {
      cleanup();
      reject(abortError());
    };
    // Jitter keeps a team of phones coming back from one dead spot from retrying in lockstep.
    const timer = setTimeout(finish, ms * (0.8 + Math.random() * 0.4));
    window.addEventListener('online', onOnline);
    signal.addEventListener('abort', onAbort);
  });
}

export interface RetryOptions {
  signal: AbortSignal;
  /** Called when a further attempt (2, 3, ...) is due, before waiting for it. */
  onRetry?: (attempt: number) => void;
}

/** Runs `send` until it answers, retrying transient failures with backoff; anything else is thrown at once. */
export async function withRetry<T>(send: () => Promise<T>, { signal, onRetry }: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (signal.aborted || !isTransient(error) || delay === undefined) throw error;
      // Announced before the wait, so the nurse sees "trying again" rather than an endless "busy".
      onRetry?.(attempt + 1);
      await pause(delay, signal);
    }
  }
}
