import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../../api/client.js';
import { withRetry } from './retry.js';

export interface Data<T> {
  data: T | undefined;
  /** The last failure; kept next to older data, which stays on screen. */
  error: ApiError | undefined;
  /** The first load has not answered yet. */
  loading: boolean;
  /** A transient failure is being retried. */
  reconnecting: boolean;
  refresh: () => void;
}

/**
 * A resource the nurse app refreshes often (live events, coming back online). Unlike `useResource`
 * it keeps showing the previous answer while a refresh runs, so a list never blanks out on a weak
 * signal, and it retries network errors on its own.
 */
export function useData<T>(url: string | null): Data<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(url !== null);
  const [reconnecting, setReconnecting] = useState(false);
  const [generation, setGeneration] = useState(0);
  const loadedUrl = useRef<string | null>(null);

  useEffect(() => {
    if (!url) {
      // Nothing may linger once access ends (the night summary after completing).
      loadedUrl.current = null;
      setData(undefined);
      setError(undefined);
      setLoading(false);
      return;
    }
    if (loadedUrl.current !== url) {
      loadedUrl.current = url;
      setData(undefined);
      setLoading(true);
    }
    const controller = new AbortController();
    withRetry(() => get<T>(url, controller.signal), { signal: controller.signal, onRetry: () => setReconnecting(true) }).then(
      (value) => {
        setData(value);
        setError(undefined);
        setLoading(false);
        setReconnecting(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
        setLoading(false);
        setReconnecting(false);
      },
    );
    return () => controller.abort();
  }, [url, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reconnecting, refresh };
}
