import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { conflict, idempotencyKeyReused, invalid } from '../http/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    actionReceipt?: { userId: string; key: string };
  }
}

const requestHash = (request: FastifyRequest) => createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');

/**
 * Idempotency keys for a user's actions (the IETF Idempotency-Key draft), for phones that queue taps
 * while offline and send them again when back: the same key with the same request is applied once and
 * its answer repeated; the same key with another request is refused. The key is claimed before the
 * action runs, so two copies arriving at once cannot both apply it (the second is told it is in
 * progress), and the receipt is written before the caller hears of success. A failed action gives its
 * claim back, so a retry after a transient error still goes through. For routes whose answer is
 * `{ ok: true }`: that is the answer repeated.
 */
export function actionReceipts(db: Db) {
  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    const ctx = request.auth?.ctx;
    if (typeof header !== 'string' || !ctx || ctx.actorKind !== 'user') return;
    if (header.length < 8 || header.length > 128) throw invalid('Idempotency-Key is 8 to 128 characters', [{ path: 'idempotency-key', code: 'invalid', message: 'Idempotency-Key is 8 to 128 characters' }]);
    const hash = requestHash(request);
    const claimed = await db
      .insertInto('action_receipt')
      .values({ user_id: ctx.actorId, idempotency_key: header, request_hash: hash, status_code: 0 })
      .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (claimed) {
      request.actionReceipt = { userId: ctx.actorId, key: header };
      return;
    }
    const earlier = await db.selectFrom('action_receipt').select(['request_hash', 'status_code']).where('user_id', '=', ctx.actorId).where('idempotency_key', '=', header).executeTakeFirst();
    if (!earlier) throw conflict('Try again');
    if (earlier.request_hash !== hash) throw idempotencyKeyReused();
    if (earlier.status_code === 0) throw conflict('This action is still being applied');
    return reply.status(earlier.status_code).header('idempotent-replayed', 'true').send({ ok: true });
  };
  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const receipt = request.actionReceipt;
    if (!receipt) return payload;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      await db.updateTable('action_receipt').set({ status_code: reply.statusCode }).where('user_id', '=', receipt.userId).where('idempotency_key', '=', receipt.key).execute();
    } else {
      await db.deleteFrom('action_receipt').where('user_id', '=', receipt.userId).where('idempotency_key', '=', receipt.key).execute();
    }
    return payload;
  };
  return { preHandler, onSend };
}
