import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('login and proxy settings', () => {
  it('defaults to an automatic Secure flag, no trusted proxy, and 5 and 30 free failed logins per account and address', () => {
    expect(readConfig({})).toMatchObject({ cookieSecure: 'auto', trustProxyHops: 0, loginAccountFailures: 5, loginSourceFailures: 30 });
  });

  it('reads the settings from the environment and refuses values it does not know', () => {
    const config = readConfig({ COOKIE_SECURE: 'true', TRUST_PROXY_HOPS: '1', LOGIN_ACCOUNT_FAILURES: '8', LOGIN_SOURCE_FAILURES: '200' });
    expect(config).toMatchObject({ cookieSecure: 'true', trustProxyHops: 1, loginAccountFailures: 8, loginSourceFailures: 200 });
    expect(() => readConfig({ COOKIE_SECURE: 'yes' })).toThrow();
    expect(() => readConfig({ LOGIN_SOURCE_FAILURES: '0' })).toThrow();
  });
});
