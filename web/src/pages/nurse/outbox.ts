import { useEffect, useState } from 'react';
import { ApiError, postIdempotent } from '../../api/client.js';
import { isTransient } from '../../api/retry-policy.js';

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

const DATABASE = 'samenzorg-nurse';
const STORE = 'outbox';
const CHANGED = 'sz:outbox-changed';

function openOutbox(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openOutbox();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

export async function enqueue(action: Omit<QueuedAction, 'queuedAt'>): Promise<void> {
  await inStore('readwrite', (store) => store.put({ ...action, queuedAt: new Date().toISOString() }));
  window.dispatchEvent(new Event(CHANGED));
}

const queued = async () => (await inStore<QueuedAction[]>('readonly', (store) => store.getAll() as IDBRequest<QueuedAction[]>)).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
const remove = (key: string) => inStore('readwrite', (store) => store.delete(key));

let flushing: Promise<void> | null = null;

/** Sends what is queued, oldest first; stops at the first network failure and keeps the rest for the next time. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const action of await queued()) {
        try {
          await postIdempotent(action.url, action.body, action.key);
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
    if (navigator.onLine) flush();
    return () => {
      window.removeEventListener(CHANGED, recount);
      window.removeEventListener('online', flush);
    };
  }, []);
  return count;
}
