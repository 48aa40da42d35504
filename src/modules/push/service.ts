import type * as WebPush from 'web-push';
import type { PlatformDeps } from '../../platform/deps.js';
import * as store from './store.js';
import { vapidKeys } from './vapid.js';

/**
 * What a push says. Only ids and the kind of change: the payload crosses a third party (the browser
 * vendor's push service), so no client data goes in it; the phone fetches the rest through the
 * access-checked routes once the nurse opens it.
 */
export type PushMessage = { type: 'offer'; incidentId: string } | { type: 'referral_answered'; incidentId: string };

/** Where the push service can reach the operator (RFC 8292 `sub`), when the settings name none. */
const DEFAULT_SUBJECT = 'mailto:beheer@samenzorg.invalid';

export const publicKey = async (deps: PlatformDeps) => (await vapidKeys(deps, deps.push?.keys)).publicKey;

/** A push that waits longer than this is dropped by the push service: an offer lapses within minutes anyway. */
const TTL_SECONDS = 300;

/**
 * Sends the message to every device of the given users; a subscription the push service reports gone
 * (404, 410) is removed. Sent after the change it reports has committed, and never throws: a push is a
 * courtesy on top of the live stream and the phone's own refresh, not the record.
 */
export async function pushToUsers(deps: PlatformDeps, userIds: string[], message: PushMessage): Promise<{ sent: number; removed: number; failed: number }> {
  const subscriptions = await store.subscriptionsOf(deps.db, [...new Set(userIds)]);
  if (subscriptions.length === 0) return { sent: 0, removed: 0, failed: 0 };
  const keys = await vapidKeys(deps, deps.push?.keys);
  // Loaded at the first push, not at start: night care's alarm intake imports this module (issue 15, restart speed).
  const { default: webpush } = await import('web-push');
  const subject = deps.push?.subject ?? DEFAULT_SUBJECT;
  const results = await Promise.all(subscriptions.map((s) => deliver(deps, webpush.generateRequestDetails, s, message, { subject, ...keys })));
  return { sent: results.filter((r) => r === 'sent').length, removed: results.filter((r) => r === 'removed').length, failed: results.filter((r) => r === 'failed').length };
}

async function deliver(deps: PlatformDeps, generateRequestDetails: typeof WebPush.generateRequestDetails, s: store.SubscriptionRow, message: PushMessage, vapidDetails: { subject: string; publicKey: string; privateKey: string }): Promise<'sent' | 'removed' | 'failed'> {
  try {
    // web-push encrypts (RFC 8291, aes128gcm) and signs (RFC 8292); the request itself goes out through fetch with a timeout.
    const request = generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, JSON.stringify(message), { vapidDetails, TTL: TTL_SECONDS, urgency: 'high' });
    const response = await fetch(request.endpoint, { method: request.method, headers: request.headers as Record<string, string>, body: new Uint8Array(request.body), signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) {
      await store.deleteGoneEndpoint(deps.db, s.userId, s.deviceId, s.endpoint);
      return 'removed';
    }
    return response.ok ? 'sent' : 'failed';
  } catch {
    return 'failed';
  }
}

export async function subscribe(deps: PlatformDeps, userId: string, deviceId: string, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<void> {
  await store.upsertSubscription(deps.db, { userId, deviceId, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth });
}

export async function unsubscribe(deps: PlatformDeps, userId: string, deviceId: string): Promise<boolean> {
  const result = await store.deleteSubscription(deps.db, userId, deviceId);
  return result.numDeletedRows > 0n;
}
