import type { NightSummary } from '../../api/types.js';
import { forgetDeviceKey, seal, unseal, type Sealed } from './device-crypto.js';
import { CACHE, inStore, OUTBOX } from './nurse-db.js';

/**
 * The night summary and key-safe code of the nurse's active assignments, kept on the phone so she
 * has them in a cellar or on a farm road. Encrypted (device-crypto.ts), one entry per assignment,
 * deleted as soon as the assignment ends; everything is deleted at logout.
 */
export interface CachedAssignment {
  summary: NightSummary;
  keySafeCode?: string | null;
}

interface Entry extends Sealed {
  key: string;
}

export const incidentAssignment = (incidentId: string) => `incident:${incidentId}`;

export async function cacheAssignment(assignment: string, change: Partial<CachedAssignment> & Pick<CachedAssignment, 'summary'>): Promise<void> {
  const before = await cachedAssignment(assignment);
  const sealed = await seal({ ...before, ...change });
  await inStore(CACHE, 'readwrite', (store) => store.put({ key: assignment, ...sealed } satisfies Entry));
}

export async function cachedAssignment(assignment: string): Promise<CachedAssignment | null> {
  const entry = await inStore<Entry | undefined>(CACHE, 'readonly', (store) => store.get(assignment) as IDBRequest<Entry | undefined>);
  if (!entry) return null;
  try {
    return await unseal<CachedAssignment>(entry);
  } catch {
    // Sealed under another session's key: unreadable, so of no use.
    return null;
  }
}

export const endAssignment = (assignment: string) => inStore(CACHE, 'readwrite', (store) => store.delete(assignment));

/** Deletes the entries of assignments no longer active (ended while the app was closed). */
export async function keepOnlyAssignments(active: string[]): Promise<void> {
  const keys = (await inStore<IDBValidKey[]>(CACHE, 'readonly', (store) => store.getAllKeys())).map(String);
  for (const key of keys) if (!active.includes(key)) await endAssignment(key);
}

/** At logout: the cache, and the outbox that nobody could read without this session's key. */
export async function wipeDevice(): Promise<void> {
  forgetDeviceKey();
  await inStore(CACHE, 'readwrite', (store) => store.clear());
  await inStore(OUTBOX, 'readwrite', (store) => store.clear());
}
