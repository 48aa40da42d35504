import type { Page } from 'playwright-core';

/**
 * Chrome DevTools' "Slow 4G" preset (as Lighthouse throttles a mobile run): 150 ms round trip and
 * 1.6 Mbit/s down, 750 kbit/s up, each scaled by DevTools' 0.9 and the latency by its 3.75 packet factor.
 */
export const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9, uploadThroughput: ((750 * 1024) / 8) * 0.9 };

/** No response finished for this long: the view has loaded what it loads. */
const QUIET_MS = 1_000;

export interface ViewTransfer {
  /** Every byte over the wire while the view loaded: headers and (compressed) bodies. */
  totalBytes: number;
  /** Script and stylesheet bytes over the wire, the budget DESIGN.md §7 sets for the nurse view. */
  scriptAndStyleBytes: number;
  /** From navigation to `ready`, in milliseconds. */
  readyMs: number;
  /** Every requested URL's path, to show which chunks the view loaded. */
  paths: string[];
  /** Content-Encoding of each script and stylesheet, by path. */
  encodings: Map<string, string>;
}

/**
 * Loads `path` in a cold cache, optionally throttled, and counts what crossed the wire (Chrome's
 * `encodedDataLength`, so compression counts) until `ready` resolves and nothing more arrives.
 */
export async function measureView(page: Page, path: string, ready: (page: Page) => Promise<void>, throttle = true): Promise<ViewTransfer> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  const requests = new Map<string, { path: string; type: string; encoding: string }>();
  let totalBytes = 0;
  let scriptAndStyleBytes = 0;
  let lastFinished = performance.now();
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    requests.set(event.requestId, { path: new URL(event.response.url).pathname, type: event.type, encoding: headers['content-encoding'] ?? 'identity' });
  });
  cdp.on('Network.loadingFinished', (event) => {
    lastFinished = performance.now();
    totalBytes += event.encodedDataLength;
    const type = requests.get(event.requestId)?.type;
    if (type === 'Script' || type === 'Stylesheet') scriptAndStyleBytes += event.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(path);
  await ready(page);
  const readyMs = performance.now() - started;
  // The live stream stays open, so "network idle" never comes: wait until nothing finished for a while instead.
  while (performance.now() - lastFinished < QUIET_MS) await page.waitForTimeout(100);
  await cdp.detach();
  const assets = [...requests.values()].filter((r) => r.type === 'Script' || r.type === 'Stylesheet');
  return { totalBytes, scriptAndStyleBytes, readyMs, paths: [...requests.values()].map((r) => r.path), encodings: new Map(assets.map((r) => [r.path, r.encoding])) };
}
