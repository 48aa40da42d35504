import { z } from 'zod';

export const deviceParams = z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A device id is 8 to 64 letters, digits, - or _') });

/**
 * The browsers' push services. The server posts to whatever endpoint a subscription names, so an
 * endpoint elsewhere would make it send requests to any host a logged-in user chose (server-side request
 * forgery): only these are accepted. Chrome (FCM), Firefox (Mozilla), Safari (Apple), Edge (WNS).
 */
const PUSH_SERVICE_HOSTS = [/^fcm\.googleapis\.com$/, /^updates\.push\.services\.mozilla\.com$/, /^(?:[a-z0-9-]+\.)*push\.apple\.com$/, /^[a-z0-9-]+\.notify\.windows\.com$/];

const atPushService = (endpoint: string) => {
  const host = new URL(endpoint).hostname.toLowerCase();
  return PUSH_SERVICE_HOSTS.some((pattern) => pattern.test(host));
};

/**
 * A browser's PushSubscription as `JSON.stringify` gives it. `allowTestEndpoints`: tests run a push
 * service of their own on loopback over plain HTTP.
 */
export function subscriptionBody(allowTestEndpoints: boolean) {
  const endpoint = z.url().max(2000);
  return z.object({
    endpoint: allowTestEndpoints
      ? endpoint.regex(/^https?:\/\//i, 'A push endpoint is an http(s) URL')
      : endpoint.regex(/^https:\/\//i, 'A push endpoint is an https URL').refine(atPushService, "A push endpoint is at a browser's push service"),
    keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/), auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/) }),
  });
}

export const vapidKeyOut = z.object({ publicKey: z.string().describe('The VAPID application server key (base64url), for PushManager.subscribe') });
