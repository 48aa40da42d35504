import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid } from '../../../platform/http/index.js';
import type { webhookAlarmBody } from '../schemas.js';
import type { AlarmInput, IntakeResult } from './ingest.js';
import { receiveAlarm } from './receive.js';

export type WebhookAlarm = z.infer<typeof webhookAlarmBody>;

export interface WebhookRequest {
  allianceId: string;
  /** The alarm centre's organisation: its keys never collide with another centre's. */
  organisationId: string;
  idempotencyKey: string;
  body: WebhookAlarm;
  now: Date;
  /** How far ahead of the server's clock `occurredAt` may lie (the sender's clock may run a little fast). */
  futureMarginSeconds: number;
}

/**
 * The request's fingerprint: SHA-256 of the parsed body with its keys sorted, so that a retry that
 * spaces or orders its JSON differently is still the same request, and any other value is not.
 */
export function requestHash(body: WebhookAlarm): string {
  const entries = Object.entries(body).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/**
 * A webhook alarm as the intake stores it. The receipt time is always the server's: an alarm centre
 * that reports an event of days ago (a backlog, a replay) must not make it look old on the board or
 * shorten its response time. What the centre reports is kept beside it as the device time. A time
 * beyond the margin in the future is a wrong clock or a wrong field, and is refused.
 */
export function webhookAlarmInput(request: WebhookRequest): AlarmInput {
  const { body, now } = request;
  const occurredAt = body.occurredAt === undefined ? undefined : new Date(body.occurredAt);
  if (occurredAt && occurredAt.getTime() > now.getTime() + request.futureMarginSeconds * 1000) {
    const message = `occurredAt lies more than ${request.futureMarginSeconds} seconds after the server's time (${now.toISOString()}); check the sender's clock`;
    throw invalid('The request is not valid', [{ path: 'body.occurredAt', code: 'in_future', message }]);
  }
  return {
    allianceId: request.allianceId,
    source: 'webhook',
    dedupKey: `${request.organisationId}:${request.idempotencyKey}`,
    requestHash: requestHash(body),
    account: body.account,
    reason: body.reason,
    qualifier: body.qualifier,
    eventCode: body.eventCode,
    raw: JSON.stringify(body),
    receivedAt: now,
    occurredAt,
    // Supervision: the alarm centre (the API key's organisation) was heard now, by the server's clock.
    sender: { kind: 'webhook', id: request.organisationId, seenAt: now },
  };
}

/** An alarm centre's alarm: stored (or found stored, for a retry), then dispatched automatically off the reply path. */
export async function receiveWebhookAlarm(deps: PlatformDeps, request: WebhookRequest, centreName: string, onDispatchError: (error: unknown) => void): Promise<IntakeResult> {
  const [result] = await receiveAlarm(deps, [webhookAlarmInput(request)], { kind: 'machine', name: centreName }, { dispatch: true, onError: onDispatchError });
  if (!result) throw new Error('The intake returned no result for the webhook alarm');
  return result;
}
