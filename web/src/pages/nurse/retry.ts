import { isTransient, RETRY_DELAYS_MS } from '../../api/retry-policy.js';

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
