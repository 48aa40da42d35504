import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from './client.js';

export type Resource<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: ApiError };

/** Loads a JSON resource and reloads when the URL changes; `null` means "nothing to load yet". */
export function useResource<T>(url: string | null): Resource<T> & { reload: () => void } {
  const [resource, setResource] = useState<Resource<T>>(url ? { state: 'loading' } : { state: 'idle' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!url) {
      setResource({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setResource({ state: 'loading' });
    get<T>(url, controller.signal).then(
      (data) => setResource({ state: 'ok', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResource({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'NETWORK', String(error)) });
      },
    );
    return () => controller.abort();
  }, [url, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...resource, reload };
}
