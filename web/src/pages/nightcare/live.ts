import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../../api/client.js';

export interface LiveData<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True only for the first load; later reloads keep showing the previous answer. */
  loading: boolean;
  reload: () => void;
}

/**
 * Like useResource, but a reload keeps the last answer on screen: a board that refetches on every live
 * event must not flash a spinner or lose the scroll position each time.
 */
export function useLiveData<T>(url: string | null): LiveData<T> {
  const [state, setState] = useState<{ url: string | null; data?: T; error?: ApiError }>({ url });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    get<T>(url, controller.signal).then(
      (data) => setState({ url, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, url, error: error instanceof ApiError ? error : new ApiError(0, 'NETWORK', String(error)) }));
      },
    );
    return () => controller.abort();
  }, [url, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.url === url;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: !!url && (!current || (state.data === undefined && state.error === undefined)), reload };
}

export type StreamState = 'connecting' | 'open' | 'reconnecting';

/**
 * Subscribes to a server-sent event stream. Events only say that something changed; the caller
 * refetches through the access-checked routes. Bursts are folded into one callback.
 */
export function useEventStream(url: string | null, event: string, onChange: (data: unknown) => void, foldMs = 150): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  }, [onChange]);
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url, { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: unknown;
    const fire = (message: MessageEvent<string>) => {
      try {
        last = JSON.parse(message.data) as unknown;
      } catch {
        last = undefined;
      }
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        callback.current(last);
      }, foldMs);
    };
    source.addEventListener(event, fire);
    // After a reconnect the stream may have missed events: refetch once.
    let dropped = false;
    source.onopen = () => {
      if (dropped) callback.current(undefined);
      dropped = false;
      setState('open');
    };
    source.onerror = () => {
      dropped = true;
      setState('reconnecting');
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [url, event, foldMs]);
  return state;
}
