import { z } from 'zod';

export const deviceParams = z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A device id is 8 to 64 letters, digits, - or _') });

/** A browser's PushSubscription as `JSON.stringify` gives it. */
export function subscriptionBody(allowHttpEndpoints: boolean) {
  const scheme = allowHttpEndpoints ? /^https?:\/\//i : /^https:\/\//i;
  return z.object({
    endpoint: z.url().max(2000).regex(scheme, 'A push endpoint is an https URL'),
    keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/), auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/) }),
  });
}

export const vapidKeyOut = z.object({ publicKey: z.string().describe('The VAPID application server key (base64url), for PushManager.subscribe') });
