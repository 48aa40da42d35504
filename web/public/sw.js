// The service worker of the web app, served at /sw.js so its scope is the whole site.
// It wakes for Web Push while the app is closed. A push carries only the kind of change and an id (no
// client data crosses the push service); the texts come from the app in the user's language
// (postMessage 'texts'), kept in the Cache API because a service worker has no localStorage.
const TEXTS = 'sz-texts';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'texts') return;
  event.waitUntil(caches.open(TEXTS).then((cache) => cache.put('/texts.json', new Response(JSON.stringify(event.data.texts)))));
});

async function texts() {
  const response = await (await caches.open(TEXTS)).match('/texts.json');
  return response ? response.json() : {};
}

self.addEventListener('push', (event) => {
  const message = event.data ? event.data.json() : {};
  event.waitUntil(
    texts().then((t) => {
      const text = t[message.type] ?? {};
      // A browser must show something for a push; the product name when the app never sent its texts.
      return self.registration.showNotification(text.title ?? 'Samenzorg', {
        body: text.body ?? '',
        tag: `${message.type}:${message.incidentId}`,
        renotify: true,
        requireInteraction: message.type === 'offer',
        data: { url: message.incidentId ? `/nurse/incidents/${message.incidentId}` : '/nurse' },
      });
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/nurse';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
