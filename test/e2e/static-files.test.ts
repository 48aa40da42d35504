import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { IMMUTABLE, REVALIDATE } from '../../src/platform/http/web-app.js';
import { addUser, createWorld, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';
import { measureView } from './web-transfer.js';

/** DESIGN.md §7: the nurse view's JavaScript (and CSS) over the wire. */
const NURSE_BUDGET_BYTES = 200 * 1024;

let server: E2eServer;
let browser: Browser;
let nurse: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'night-nurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('static files', () => {
  it('sends the nurse view compressed within 200 KB of scripts and styles, without the map or chart chunks', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, nurse, { width: 360, height: 740 });
    const view = await measureView(page, '/nurse', (p) => p.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor({ timeout: 30_000 }));
    expect(view.scriptAndStyleBytes).toBeGreaterThan(0);
    expect(view.scriptAndStyleBytes).toBeLessThanOrEqual(NURSE_BUDGET_BYTES);
    expect(view.paths.filter((p) => /maplibre|echarts|region-map/.test(p))).toEqual([]);
    // Every script and stylesheet came as brotli, the smaller of the two precompressed copies.
    expect([...view.encodings.values()].every((encoding) => encoding === 'br')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('caches hashed assets for a year as immutable and revalidates index.html', async () => {
    const index = await fetch(`${server.baseUrl}/`);
    expect(index.headers.get('cache-control')).toBe(REVALIDATE);
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('vary')).toMatch(/accept-encoding/i);
    // A client route falls back to index.html, which must not be cached either.
    expect((await fetch(`${server.baseUrl}/nurse`)).headers.get('cache-control')).toBe(REVALIDATE);
  });
});
