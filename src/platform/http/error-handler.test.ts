import Fastify from 'fastify';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { installErrorHandler } from './error-handler.js';

/** The error pg-pool gives when its only connection is taken and no other becomes free in time. */
async function exhaustedPoolError(): Promise<Error> {
  // Opening the held connection (a backend fork and SCRAM) can take longer than 100 ms on a loaded
  // machine, and pg-pool applies the same timeout to it: the short wait is only for the second caller.
  const pool = new pg.Pool({ connectionString: inject('postgresAdminUrl'), max: 1, connectionTimeoutMillis: 30_000 });
  const held = await pool.connect();
  pool.options.connectionTimeoutMillis = 100;
  const error = await pool.connect().then(
    (client) => {
      client.release();
      return new Error('expected a timeout');
    },
    (e: Error) => e,
  );
  held.release();
  await pool.end();
  return error;
}

/** A real deadlock: two transactions each take one advisory lock and then wait for the other's. */
async function deadlockError(): Promise<Error> {
  const pool = new pg.Pool({ connectionString: inject('postgresAdminUrl'), max: 2 });
  const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query('SELECT pg_advisory_xact_lock(910001)');
    await b.query('SELECT pg_advisory_xact_lock(910002)');
    const outcomes = await Promise.allSettled([a.query('SELECT pg_advisory_xact_lock(910002)'), b.query('SELECT pg_advisory_xact_lock(910001)')]);
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (!failed) throw new Error('expected a deadlock');
    return failed.reason as Error;
  } finally {
    await Promise.all([a.query('ROLLBACK'), b.query('ROLLBACK')]);
    a.release();
    b.release();
    await pool.end();
  }
}

describe('error handler', () => {
  it('answers 503 with Retry-After when no database connection becomes free, not 500', async () => {
    const poolError = await exhaustedPoolError();
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/busy', async () => {
      throw poolError;
    });
    app.get('/broken', async () => {
      throw new Error('something else');
    });
    const busy = await app.inject('/busy');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.json()).toEqual({ error: { code: 'UNAVAILABLE', message: 'The service is busy, try again in a few seconds' } });
    const broken = await app.inject('/broken');
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toMatchObject({ error: { code: 'INTERNAL' } });
    await app.close();
  });

  it('answers 503 with Retry-After when PostgreSQL ends a deadlock by rolling the transaction back, not 500', async () => {
    const deadlock = await deadlockError();
    expect((deadlock as Error & { code?: string }).code).toBe('40P01');
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/deadlock', async () => {
      throw deadlock;
    });
    const answer = await app.inject('/deadlock');
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    await app.close();
  });
});
