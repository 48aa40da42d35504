import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { isTransient } from '../../api/retry-policy.js';
import { withRetry } from './retry.js';

export type ActionState = { phase: 'idle' } | { phase: 'pending' } | { phase: 'retrying'; attempt: number } | { phase: 'failed'; error: unknown } | { phase: 'done' };

export type ActionResult<T> = { ok: true; value: T | undefined } | { ok: false; error: unknown };

export interface RunOptions {
  /**
   * Asked before a repeated attempt, and when the server refuses one: the first may have arrived although
   * its answer was lost (accepting twice gives 409, referring twice makes two referrals). True means the
   * wanted change is there, so the action counts as done without sending it again.
   */
  alreadyDone?: () => Promise<boolean>;
}

/**
 * One user action on a poor connection: retried with backoff on network errors, never twice at once
 * (a second tap while pending is ignored, not queued), with a state the button shows.
 */
export function useAction() {
  const [state, setState] = useState<ActionState>({ phase: 'idle' });
  const inFlight = useRef(false);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async <T>(send: () => Promise<T>, options: RunOptions = {}): Promise<ActionResult<T>> => {
    if (inFlight.current) return { ok: false, error: new Error('busy') };
    inFlight.current = true;
    const abort = new AbortController();
    controller.current = abort;
    let retried = false;
    setState({ phase: 'pending' });
    try {
      let sends = 0;
      // Before repeating a send whose answer was lost, ask whether the first one arrived after all.
      const guarded = async (): Promise<T | undefined> => {
        sends++;
        if (sends > 1 && options.alreadyDone && (await options.alreadyDone().catch(() => false))) return undefined;
        return send();
      };
      const value = await withRetry(guarded, {
        signal: abort.signal,
        onRetry: (attempt) => {
          retried = true;
          setState({ phase: 'retrying', attempt });
        },
      });
      setState({ phase: 'done' });
      return { ok: true, value };
    } catch (error) {
      if (abort.signal.aborted) return { ok: false, error };
      // 409: the incident moved on, perhaps exactly where this action wanted it (a tap just before the screen refreshed).
      const mayHaveArrived = retried || (error instanceof ApiError && error.status === 409);
      if (mayHaveArrived && !isTransient(error) && options.alreadyDone && (await options.alreadyDone().catch(() => false))) {
        setState({ phase: 'done' });
        return { ok: true, value: undefined };
      }
      setState({ phase: 'failed', error });
      return { ok: false, error };
    } finally {
      inFlight.current = false;
    }
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  const busy = state.phase === 'pending' || state.phase === 'retrying';
  return { state, busy, run, reset };
}

export type Action = ReturnType<typeof useAction>;
