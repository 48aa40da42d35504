import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { isCrossSite } from './cross-site.js';

describe('cross-site decision', () => {
  const post = { method: 'POST', host: 'zorg.example' };

  it('refuses state-changing requests that a browser marks as from another site or origin', () => {
    expect(isCrossSite({ ...post, secFetchSite: 'cross-site', origin: 'https://evil.example' })).toBe(true);
    // A sibling subdomain is the same site for SameSite cookies, but another origin.
    expect(isCrossSite({ ...post, secFetchSite: 'same-site', origin: 'https://blog.zorg.example' })).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(isCrossSite({ method, host: 'zorg.example', secFetchSite: 'cross-site', origin: undefined })).toBe(true);
  });

  it('lets same-origin and user-initiated requests through, and safe methods from anywhere', () => {
    expect(isCrossSite({ ...post, secFetchSite: 'same-origin', origin: 'https://zorg.example' })).toBe(false);
    expect(isCrossSite({ ...post, secFetchSite: 'none', origin: undefined })).toBe(false);
    expect(isCrossSite({ method: 'GET', host: 'zorg.example', secFetchSite: 'cross-site', origin: 'https://evil.example' })).toBe(false);
  });

  it('compares Origin with the own host when a browser sends no Sec-Fetch-Site', () => {
    expect(isCrossSite({ ...post, secFetchSite: undefined, origin: 'https://zorg.example' })).toBe(false);
    expect(isCrossSite({ method: 'POST', host: 'ZORG.example:443', secFetchSite: undefined, origin: 'https://zorg.example' })).toBe(false);
    expect(isCrossSite({ method: 'POST', host: '127.0.0.1:3000', secFetchSite: undefined, origin: 'http://127.0.0.1:3000' })).toBe(false);
    expect(isCrossSite({ method: 'POST', host: '127.0.0.1:3000', secFetchSite: undefined, origin: 'http://127.0.0.1:4000' })).toBe(true);
    expect(isCrossSite({ ...post, secFetchSite: undefined, origin: 'https://zorg.example.evil.example' })).toBe(true);
    expect(isCrossSite({ ...post, secFetchSite: undefined, origin: 'null' })).toBe(true);
  });

  it('lets requests without either header through: machines with API keys, webhooks, scripts', () => {
    expect(isCrossSite({ ...post, secFetchSite: undefined, origin: undefined })).toBe(false);
  });
});

describe('cross-site requests to the API', () => {
  let t: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    behindProxy = await startTestApp({ trustProxyHops: 1 });
  });
  const login = (app: TestApp, headers: Record<string, string>) =>
    app.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email: 'someone@test.example', password: 'x' } });

  it('refuses a cross-site POST with 403 and a stable code before it reaches the route', async () => {
    const refused = await login(t, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'CROSS_SITE_REQUEST' } });
    const byOrigin = await login(t, { host: 'zorg.example', origin: 'https://evil.example' });
    expect(byOrigin.json()).toMatchObject({ error: { code: 'CROSS_SITE_REQUEST' } });
    const sessionRoute = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'sec-fetch-site': 'same-site' } });
    expect(sessionRoute.json()).toMatchObject({ error: { code: 'CROSS_SITE_REQUEST' } });
  });

  it('lets a same-origin POST and a POST without browser headers reach the route', async () => {
    expect((await login(t, { 'sec-fetch-site': 'same-origin', origin: 'http://zorg.example', host: 'zorg.example' })).statusCode).toBe(401);
    expect((await login(t, { host: 'zorg.example', origin: 'http://zorg.example' })).statusCode).toBe(401);
    expect((await login(t, {})).statusCode).toBe(401);
  });

  it('takes the own host from a trusted proxy only', async () => {
    const fromProxy = { host: 'samenzorg-app:3000', 'x-forwarded-host': 'zorg.example', 'x-forwarded-proto': 'https', origin: 'https://zorg.example' };
    expect((await login(behindProxy, fromProxy)).statusCode).toBe(401);
    expect((await login(t, fromProxy)).json()).toMatchObject({ error: { code: 'CROSS_SITE_REQUEST' } });
  });
});
