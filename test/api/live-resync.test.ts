import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../support/app.js';
import { addUser, createWorld } from '../support/world.js';

let t: TestApp;
let coordinator: Session;
let address: string;

beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db);
  const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'resynccoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, user);
  address = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

/** Collects everything a stream sends, so a test can wait for a piece of it without losing a chunk to a pending read. */
function collect(body: ReadableStream<Uint8Array>): { text: () => string } {
  let received = '';
  const reader = body.getReader();
  const pump = async (): Promise<void> => {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      received += new TextDecoder().decode(next.value);
    }
  };
  pump().catch(() => undefined);
  return { text: () => received };
}

describe('open event streams after the LISTEN connection drops', () => {
  const controllers: AbortController[] = [];
  afterAll(() => controllers.forEach((c) => c.abort()));

  it('sends resync to every open stream once the LISTEN connection is back after its backend was killed', async () => {
    const streams = await Promise.all(
      ['/api/nightcare/stream', '/api/nightcare/handovers/stream'].map(async (path) => {
        const controller = new AbortController();
        controllers.push(controller);
        const response = await fetch(`${address}${path}`, { headers: { cookie: coordinator.cookie }, signal: controller.signal });
        expect(response.headers.get('content-type')).toBe('text/event-stream');
        const stream = collect(response.body!);
        await expect.poll(stream.text).toContain('retry:');
        return stream;
      }),
    );
    // No resync while nothing went wrong.
    await new Promise((r) => setTimeout(r, 300));
    for (const stream of streams) expect(stream.text()).not.toContain('event: resync');
    const killed = await sql<{ n: number }>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE 'listen:%'`.execute(t.db);
    // The two streams' channels and the session cache's (platform/auth/session-cache.ts).
    expect(killed.rows[0]?.n).toBe(3);
    for (const stream of streams) await expect.poll(stream.text, { timeout: 10_000 }).toContain('event: resync');
  });
});
