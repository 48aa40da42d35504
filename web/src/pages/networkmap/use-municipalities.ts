import { useEffect, useState } from 'react';
import { get } from '../../api/client.js';
import type { Municipality } from './types.js';

/** The municipalities in a network's region, for the form's choice, the filters and the map's base layer. */
export function useMunicipalities(): { municipalities?: Municipality[]; error?: unknown } {
  const [state, setState] = useState<{ municipalities?: Municipality[]; error?: unknown }>({});
  useEffect(() => {
    const controller = new AbortController();
    get<Municipality[]>('/api/public/networkmap/municipalities', controller.signal)
      .then((municipalities) => setState({ municipalities }))
      .catch((error: unknown) => controller.signal.aborted || setState({ error }));
    return () => controller.abort();
  }, []);
  return state;
}
