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

describe('DC-09 receiver settings', () => {
  it('defaults to port 9104 and no fixed alliance', () => {
    expect(readConfig({})).toMatchObject({ dc09Port: 9104, dc09AllianceId: undefined });
  });

  it('reads a port and an alliance id and refuses a port out of range or an alliance that is no id', () => {
    const allianceId = '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b';
    expect(readConfig({ DC09_PORT: '0', DC09_ALLIANCE_ID: allianceId })).toMatchObject({ dc09Port: 0, dc09AllianceId: allianceId });
    expect(() => readConfig({ DC09_PORT: '65536' })).toThrow();
    expect(() => readConfig({ DC09_PORT: 'tcp' })).toThrow();
    expect(() => readConfig({ DC09_ALLIANCE_ID: 'night-alliance' })).toThrow(/DC09_ALLIANCE_ID/);
  });
});

describe('database settings', () => {
  it('reads from the primary unless a read replica is named', () => {
    const primary = 'postgres://app:pw@db-primary:5432/samenzorg';
    expect(readConfig({ DATABASE_URL: primary })).toMatchObject({ databaseUrl: primary, databaseReadUrl: undefined });
    const replica = 'postgres://app:pw@db-replica:5432/samenzorg';
    expect(readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica })).toMatchObject({ databaseUrl: primary, databaseReadUrl: replica });
  });

  it('refuses a read URL that is no URL or that has no primary beside it', () => {
    expect(() => readConfig({ DATABASE_URL: 'postgres://app@db/samenzorg', DATABASE_READ_URL: 'replica' })).toThrow(/DATABASE_READ_URL/);
    expect(() => readConfig({ DATABASE_READ_URL: 'postgres://app@db-replica/samenzorg' })).toThrow(/DATABASE_URL/);
  });

  it('prepares statements unless told not to, for a pooler that cannot keep them', () => {
    expect(readConfig({}).databasePreparedStatements).toBe(true);
    expect(readConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => readConfig({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });
});

describe('mail settings', () => {
  it('defaults to no SMTP (the outbox), a sender, and links to the address the server listens on', () => {
    expect(readConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Samenzorg <noreply@samenzorg.invalid>', publicUrl: 'http://127.0.0.1:3000' });
  });

  it('reads an smtp:// or smtps:// URL and a public URL, and refuses other schemes', () => {
    expect(readConfig({ SMTP_URL: 'smtps://user:pw@mail.example.nl:465', PUBLIC_URL: 'https://zorg.example.nl/' })).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example.nl:465',
      publicUrl: 'https://zorg.example.nl',
    });
    expect(readConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(() => readConfig({ SMTP_URL: 'http://mail.example.nl' })).toThrow(/SMTP_URL/);
    expect(() => readConfig({ SMTP_URL: 'mail.example.nl' })).toThrow(/SMTP_URL/);
    expect(() => readConfig({ PUBLIC_URL: 'ftp://zorg.example.nl' })).toThrow(/PUBLIC_URL/);
  });
});

describe('route planner settings', () => {
  it('uses the offline estimate unless an OSRM server is named, and reads its profile and table size', () => {
    expect(readConfig({}).osrm).toBeUndefined();
    expect(readConfig({ OSRM_URL: 'http://osrm.example.nl:5000/' }).osrm).toEqual({ baseUrl: 'http://osrm.example.nl:5000', profile: 'driving', maxTableSize: 100 });
    expect(readConfig({ OSRM_URL: 'https://osrm.example.nl', OSRM_PROFILE: 'car', OSRM_MAX_TABLE_SIZE: '1000' }).osrm).toEqual({ baseUrl: 'https://osrm.example.nl', profile: 'car', maxTableSize: 1000 });
    expect(() => readConfig({ OSRM_URL: 'osrm.example.nl' })).toThrow(/OSRM_URL/);
    expect(() => readConfig({ OSRM_URL: 'http://osrm.example.nl', OSRM_PROFILE: '../admin' })).toThrow(/OSRM_PROFILE/);
    expect(() => readConfig({ OSRM_URL: 'http://osrm.example.nl', OSRM_MAX_TABLE_SIZE: '1' })).toThrow();
  });
});
