import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, type TestUser } from '../../../test/support/world.js';

let t: TestApp;
let nurse: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db);
  nurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'device-key');
});

describe('the device cache key', () => {
  it('is one 256-bit key per session, not cached, different for another session, and gone after logout', async () => {
    const first = await login(t.app, nurse);
    const answer = await first.get('/api/auth/device-key');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const { key } = answer.json<{ key: string }>();
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect((await first.get('/api/auth/device-key')).json<{ key: string }>().key).toBe(key);
    const second = await login(t.app, nurse);
    expect((await second.get('/api/auth/device-key')).json<{ key: string }>().key).not.toBe(key);
    expect((await first.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await first.get('/api/auth/device-key')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/device-key' })).statusCode).toBe(401);
  });
});
