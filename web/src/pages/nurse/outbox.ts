import { useEffect, useState } from 'react';
import { ApiError, postIdempotent } from '../../api/client.js';
import { isTransient } from '../../api/retry-policy.js';
import { prepareDeviceKey, seal, unseal, type Sealed } from './device-crypto.js';
import { inStore, OUTBOX } from './nurse-db.js';

/**
 * The phone's outbox: steps the nurse took while offline, kept in IndexedDB (so a closed tab or a
 * dead battery does not lose a report) and sent, in order, when the connection is back. Each carries
 * the Idempotency-Key it was queued with, so a send whose answer is lost can be repeated safely.
 */
export interface QueuedAction {
  key: string;
  url: string;
  body: unknown;
  queuedAt: string;
}

const CHANGED = 'sz:outbox-changed';

/** As stored: the body (the report's text) sealed under the session's device key, like the cache. */
interface StoredAction extends Sealed {
  key: string;
  url: string;
  queuedAt: string;
}

export async function enqueue(action: Omit<QueuedAction, 'queuedAt'>): Promise<void> {
  const stored: StoredAction = { key: action.key, url: action.url, queuedAt: new Date().toISOString(), ...(await seal(action.body)) };
  await inStore(OUTBOX, 'readwrite', (store) => store.put(stored));
  window.dispatchEvent(new Event(CHANGED));
}

const queued = async () => (await inStore<StoredAction[]>(OUTBOX, 'readonly', (store) => store.getAll() as IDBRequest<StoredAction[]>)).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
const remove = (key: string) => inStore(OUTBOX, 'readwrite', (store) => store.delete(key));

let flushing: Promise<void> | null = null;

/** Sends what is queued, oldest first; stops at the first network failure and keeps the rest for the next time. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const action of await queued()) {
        let body: unknown;
        try {
          body = await unseal(action);
        } catch (error) {
          // Sealed under an earlier session's key: nobody can read it any more. Without the key (offline, new tab): later.
          if (error instanceof DOMException && error.name === 'OperationError') {
            await remove(action.key);
            continue;
          }
          return;
        }
        try {
          await postIdempotent(action.url, body, action.key);
        } catch (error) {
          // A refusal (the incident moved on, was reassigned) will not change by sending again: drop it.
          if (!(error instanceof ApiError) || isTransient(error)) return;
        }
        await remove(action.key);
      }
    } finally {
      flushing = null;
      window.dispatchEvent(new Event(CHANGED));
    }
  })();
  return flushing;
}

/** How many actions wait; sends them at start and whenever the connection returns. */
export function useOutbox(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const recount = () => void queued().then((all) => setCount(all.length), () => setCount(0));
    const flush = () => void flushOutbox().catch(() => undefined);
    window.addEventListener(CHANGED, recount);
    window.addEventListener('online', flush);
    recount();
    // Fetch the session's key while there is a connection, so a report written offline can be sealed.
    void prepareDeviceKey().catch(() => undefined);
    if (navigator.onLine) flush();
    return () => {
      window.removeEventListener(CHANGED, recount);
      window.removeEventListener('online', flush);
    };
  }, []);
  return count;
}
