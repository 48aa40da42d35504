import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../platform/auth/index.js';
import type { AppOptions } from '../../app.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld } from '../../../test/support/world.js';

const apps = new Map<string, TestApp>();
const settings: Record<string, Partial<AppOptions>> = {
  default: {},
  proxy: { trustProxyHops: 1 },
  always: { cookieSecure: 'true' },
  never: { trustProxyHops: 1, cookieSecure: 'false' },
};

beforeAll(async () => {
  for (const [name, options] of Object.entries(settings)) apps.set(name, await startTestApp(options));
});

/** The session cookie a login sets on the app built with the named settings, for a request with these headers. */
async function sessionCookie(name: string, headers: Record<string, string>): Promise<string> {
  const t = apps.get(name);
  if (!t) throw new Error(name);
  const world = await createWorld(t.db);
  const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'cookie');
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email: user.email, password: user.password, totp: currentTotp(user.totpSecret) } });
  expect(response.statusCode).toBe(200);
  return String(response.headers['set-cookie']);
}

const overTls = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };

describe('the Secure flag of the session cookie', () => {
  it('is set behind a TLS proxy that TRUST_PROXY_HOPS trusts', async () => {
    expect(await sessionCookie('proxy', overTls)).toMatch(/; Secure/);
  });

  it('is not set from a forwarded protocol that no trusted proxy vouches for', async () => {
    expect(await sessionCookie('default', overTls)).not.toMatch(/Secure/);
  });

  it('is set on plain HTTP when COOKIE_SECURE=true (TLS ends before a proxy that does not say so)', async () => {
    expect(await sessionCookie('always', {})).toMatch(/; Secure/);
  });

  it('is left off when COOKIE_SECURE=false, for plain-HTTP development behind a proxy', async () => {
    expect(await sessionCookie('never', overTls)).not.toMatch(/Secure/);
  });
});
