import type { Executor } from '../../platform/db/index.js';

export interface SubscriptionRow {
  userId: string;
  deviceId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** One subscription per user and device: a renewed browser subscription replaces the old endpoint. */
export const upsertSubscription = (executor: Executor, s: SubscriptionRow) =>
  executor
    .insertInto('push_subscription')
    .values({ user_id: s.userId, device_id: s.deviceId, endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth })
    .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet({ endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth }))
    .execute();

export const deleteSubscription = (executor: Executor, userId: string, deviceId: string) =>
  executor.deleteFrom('push_subscription').where('user_id', '=', userId).where('device_id', '=', deviceId).executeTakeFirst();

/** Removes the subscription only if it still has the endpoint that failed (the device may have renewed meanwhile). */
export const deleteGoneEndpoint = (executor: Executor, userId: string, deviceId: string, endpoint: string) =>
  executor.deleteFrom('push_subscription').where('user_id', '=', userId).where('device_id', '=', deviceId).where('endpoint', '=', endpoint).execute();

export async function subscriptionsOf(executor: Executor, userIds: string[]): Promise<SubscriptionRow[]> {
  if (userIds.length === 0) return [];
  const rows = await executor.selectFrom('push_subscription').selectAll().where('user_id', 'in', userIds).execute();
  return rows.map((r) => ({ userId: r.user_id, deviceId: r.device_id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth }));
}

export const vapidKey = (executor: Executor) => executor.selectFrom('push_vapid_key').select(['public_key', 'private_key_sealed']).executeTakeFirst();

/** The first instance to get here stores its pair; any other keeps the stored one (ON CONFLICT). */
export const insertVapidKey = (executor: Executor, publicKey: string, privateKeySealed: string) =>
  executor.insertInto('push_vapid_key').values({ public_key: publicKey, private_key_sealed: privateKeySealed }).onConflict((oc) => oc.column('id').doNothing()).execute();
