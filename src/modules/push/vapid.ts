import type { PlatformDeps } from '../../platform/deps.js';
import * as store from './store.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const cache = new WeakMap<PlatformDeps['db'], Promise<VapidKeys>>();

/**
 * The installation's VAPID key pair (RFC 8292). Given in the settings (VAPID_PUBLIC_KEY and
 * VAPID_PRIVATE_KEY) it is used as is; otherwise one pair is made on first use and kept in the
 * database with the private key sealed under SECRET_KEY, so every instance signs with the same key
 * and browsers' subscriptions survive a restart (a new key would silently invalidate all of them).
 */
export function vapidKeys(deps: PlatformDeps, configured?: VapidKeys): Promise<VapidKeys> {
  if (configured) return Promise.resolve(configured);
  let keys = cache.get(deps.db);
  if (!keys) {
    keys = loadOrCreate(deps);
    // A failure (database down) is not cached: the next push tries again.
    keys.catch(() => cache.delete(deps.db));
    cache.set(deps.db, keys);
  }
  return keys;
}

async function loadOrCreate(deps: PlatformDeps): Promise<VapidKeys> {
  let row = await store.vapidKey(deps.db);
  if (!row) {
    // Loaded here, once, rather than at start: see service.ts.
    const { default: webpush } = await import('web-push');
    const made = webpush.generateVAPIDKeys();
    await store.insertVapidKey(deps.db, made.publicKey, deps.secretBox.seal(made.privateKey));
    row = await store.vapidKey(deps.db);
  }
  if (!row) throw new Error('VAPID key missing after insert');
  return { publicKey: row.public_key, privateKey: deps.secretBox.open(row.private_key_sealed) };
}
