/** The nurse app's IndexedDB: the offline outbox and the encrypted cache of active assignments. */
const DATABASE = 'samenzorg-nurse';
export const OUTBOX = 'outbox';
export const CACHE = 'cache';

function openNurseDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Version 2 added the cache; an outbox made by version 1 is kept.
    const request = indexedDB.open(DATABASE, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

/** One request in its own transaction; resolves once the transaction has committed. */
export async function inStore<T>(store: string, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openNurseDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}
