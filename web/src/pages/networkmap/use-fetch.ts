import { useEffect, useState } from 'react';
import { get } from '../../api/client.js';

/**
 * GETs one URL (again when it changes), aborting the previous request; the pages' one loading pattern.
 * `keep` shows the previous answer while a reload runs, so a form under it stays mounted.
 */
export function useFetch<T>(url: string | undefined, keep = false): { data?: T; error?: unknown } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    setState((previous) => (keep && previous.data !== undefined ? { data: previous.data } : {}));
    get<T>(url, controller.signal).then((data) => setState({ data })).catch((error: unknown) => controller.signal.aborted || setState({ error }));
    return () => controller.abort();
  }, [url, keep]);
  return state;
}
