import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAlliance, hasRole } from '../../platform/access/index.js';
import { actionReceipts, requireContext, requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { answer, forbidden } from '../../platform/http/index.js';
import { openEventStream } from '../../platform/live/index.js';
import { myDuty, nursesOnDuty, reportPosition, startDuty } from '../nightteam/index.js';
import { enterManualAlarm } from './alarms/manual.js';
import { proposalsFor } from './dispatch/proposals.js';
import { boardIncidents, incidentDetail, myIncidents } from './incidents/queries.js';
import * as incidents from './incidents/service.js';
import type { LiveHub } from './live.js';
import * as s from './schemas.js';
import { linkIncidentClient, markTechnicalHandled, technicalAlarms } from './alarms/technical-queue.js';
import { receiveWebhookAlarm } from './alarms/webhook.js';

const tags = ['nightcare'];
const ok = z.object({ ok: z.literal(true) });
const done = { ok: true as const };

export interface NightcareOptions {
  /** How far in the future a webhook's `occurredAt` may lie before it is refused (WEBHOOK_FUTURE_MARGIN_SECONDS). */
  webhookFutureMarginSeconds: number;
  /** Tests that drive the sweeps (lapsed offers, overdue alerts, handover reminders, supervision) themselves switch them off. */
  sweeps?: boolean;
}

export function nightcareRoutes(deps: PlatformDeps, hub: LiveHub, options: NightcareOptions): FastifyPluginAsyncZod {
  // The nurse's steps may come from a phone's offline queue: an Idempotency-Key makes a resend safe.
  const receipts = actionReceipts(deps.db);
  const nurseStep = { preHandler: receipts.preHandler, onSend: receipts.onSend };
  const optionalKey = z.object({ 'idempotency-key': z.string().optional().describe('Optional: the same key again repeats the answer without applying the step twice') });
  return async (app) => {
    app.post(
      '/nightcare/alarms',
      { schema: { tags, description: 'Alarm from an alarm centre (API key). 202 only after the alarm is stored; retries with the same Idempotency-Key and body are stored once, the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED. The receipt time is the server’s; occurredAt is kept as reported and may lie at most WEBHOOK_FUTURE_MARGIN_SECONDS ahead.', headers: s.idempotencyHeaders, body: s.webhookAlarmBody, response: { 202: z.object({ alarmId: z.string(), incidentId: z.string().nullable(), queue: z.string(), duplicate: z.boolean(), clientLinked: z.boolean() }) } } },
      async (request, reply) => {
        const ctx = requireContext(request);
        if (ctx.actorKind !== 'api_key') throw forbidden('Alarm centres use their API key');
        const webhook = {
          allianceId: actingAlliance(ctx),
          organisationId: ctx.organisationId,
          idempotencyKey: request.headers['idempotency-key'],
          body: request.body,
          now: new Date(),
          futureMarginSeconds: options.webhookFutureMarginSeconds,
        };
        const result = await receiveWebhookAlarm(deps, webhook, ctx.actorName, (e: unknown) => request.log.error(e));
        return reply.status(202).send(result);
      },
    );
    app.post('/nightcare/incidents', { schema: { tags, description: 'Manual entry of a phone call by the coordinator.', body: s.manualIncidentBody, response: { 201: z.object({ incidentId: z.string() }) } } }, async (request, reply) => {
      const ctx = requireUser(request);
      const incidentId = await enterManualAlarm(deps, ctx, actingAlliance(ctx), request.body);
      return reply.status(201).send({ incidentId });
    });
    app.get(
      '/nightcare/incidents',
      { schema: { tags, description: "The coordinator's board: open incidents and those closed in the last twelve hours.", response: { 200: s.incidentListOut } } },
      async (request) => {
        const ctx = requireUser(request);
        return answer(s.incidentListOut, { items: await boardIncidents(deps, ctx, actingAlliance(ctx)) });
      },
    );
    app.get(
      '/nightcare/my-incidents',
      { schema: { tags, description: "The nurse's own open incidents: offered to or accepted by them.", response: { 200: s.incidentListOut } } },
      async (request) => answer(s.incidentListOut, { items: await myIncidents(deps, requireUser(request)) }),
    );
    app.get(
      '/nightcare/incidents/:id',
      { schema: { tags, description: 'One incident with its history and visit report, for a night coordinator of its alliance or the assigned nurse.', params: s.incidentParams, response: { 200: s.incidentDetailOut } } },
      async (request) => answer(s.incidentDetailOut, await incidentDetail(deps, requireUser(request), request.params.id)),
    );
    app.post('/nightcare/incidents/:id/triage', { schema: { tags, params: s.incidentParams, body: s.triageBody, response: { 200: ok } } }, async (request) => {
      await incidents.triageIncident(deps, requireUser(request), request.params.id, request.body);
      return done;
    });
    app.get(
      '/nightcare/incidents/:id/proposals',
      { schema: { tags, description: 'Dispatch proposals: the nurses on duty ranked for this incident.', params: s.incidentParams, response: { 200: s.proposalListOut } } },
      async (request) => answer(s.proposalListOut, { items: await proposalsFor(deps, requireUser(request), request.params.id) }),
    );
    app.post('/nightcare/incidents/:id/assign', { schema: { tags, params: s.incidentParams, body: s.assignBody, response: { 200: ok } } }, async (request) => {
      await incidents.assignIncident(deps, requireUser(request), request.params.id, request.body.userId);
      return done;
    });
    app.post('/nightcare/incidents/:id/accept', { ...nurseStep, schema: { tags, headers: optionalKey, params: s.incidentParams, response: { 200: ok } } }, async (request) => {
      await incidents.acceptIncident(deps, requireUser(request), request.params.id);
      return done;
    });
    app.post('/nightcare/incidents/:id/decline', { ...nurseStep, schema: { tags, headers: optionalKey, params: s.incidentParams, response: { 200: ok } } }, async (request) => {
      await incidents.declineIncident(deps, requireUser(request), request.params.id);
      return done;
    });
    app.post('/nightcare/incidents/:id/status', { ...nurseStep, schema: { tags, headers: optionalKey, params: s.incidentParams, body: s.nurseStatusBody, response: { 200: ok } } }, async (request) => {
      await incidents.moveByNurse(deps, requireUser(request), request.params.id, request.body.status);
      return done;
    });
    app.post('/nightcare/incidents/:id/complete', { ...nurseStep, schema: { tags, headers: optionalKey, params: s.incidentParams, body: s.completeBody, response: { 200: ok } } }, async (request) => {
      await incidents.completeIncident(deps, requireUser(request), request.params.id, request.body);
      return done;
    });
    app.post('/nightcare/incidents/:id/cancel', { schema: { tags, params: s.incidentParams, body: s.cancelBody, response: { 200: ok } } }, async (request) => {
      await incidents.cancelIncident(deps, requireUser(request), request.params.id, request.body.reason, request.body.note);
      return done;
    });
    app.post('/nightcare/incidents/:id/escalate-112', { ...nurseStep, schema: { tags, headers: optionalKey, params: s.incidentParams, body: s.escalateBody, response: { 200: ok } } }, async (request) => {
      await incidents.escalateTo112(deps, requireUser(request), request.params.id, request.body.note);
      return done;
    });
    app.post('/nightcare/incidents/:id/link-client', { schema: { tags, params: s.incidentParams, body: s.linkClientBody, response: { 200: ok } } }, async (request) => {
      await linkIncidentClient(deps, requireUser(request), request.params.id, request.body.clientId);
      return done;
    });
    app.get(
      '/nightcare/technical-alarms',
      { schema: { tags, description: 'Low-battery, test and restore signals not yet handled, newest first: followed up by day, never dispatched.', response: { 200: s.technicalAlarmListOut } } },
      async (request) => {
        const ctx = requireUser(request);
        return answer(s.technicalAlarmListOut, { items: await technicalAlarms(deps, ctx, actingAlliance(ctx)) });
      },
    );
    app.post('/nightcare/technical-alarms/:id/handled', { schema: { tags, params: s.incidentParams, response: { 200: ok } } }, async (request) => {
      const ctx = requireUser(request);
      await markTechnicalHandled(deps, ctx, actingAlliance(ctx), request.params.id);
      return done;
    });
    app.post(
      '/nightcare/duty',
      { schema: { tags, description: 'A night-team nurse signs on for the current (or next) night shift; signing on again that night replaces the skills.', body: s.dutyBody, response: { 200: s.dutyStartedOut } } },
      async (request) => answer(s.dutyStartedOut, await startDuty(deps, requireUser(request), request.body.skills)),
    );
    app.get(
      '/nightcare/duty',
      { schema: { tags, description: "The nurse's current or next duty.", response: { 200: s.myDutyOut } } },
      async (request) => answer(s.myDutyOut, { duty: await myDuty(deps, requireUser(request)) }),
    );
    app.post('/nightcare/position', { schema: { tags, body: s.positionBody, response: { 200: ok } } }, async (request) => {
      await reportPosition(deps, requireUser(request), request.body.latitude, request.body.longitude);
      return done;
    });
    app.get(
      '/nightcare/nurses',
      { schema: { tags, description: 'Nurses on duty now, with their last reported position (night coordinators).', response: { 200: s.nurseListOut } } },
      async (request) => answer(s.nurseListOut, { items: await nursesOnDuty(deps, requireUser(request)) }),
    );
    app.get('/nightcare/stream', { schema: { tags, description: 'Server-sent events: one `incident` event per change in the alliance; `resync` when events may have been missed (refetch everything).' } }, async (request, reply) => {
      const ctx = requireUser(request);
      if (!hasRole(ctx, 'coordinator', 'nurse')) throw forbidden('Night team only');
      const allianceId = actingAlliance(ctx);
      openEventStream(request, reply, {
        retryMs: 2000,
        // Only ids and the kind of change go out; screens fetch details through the access-checked routes.
        subscribe: (send) => hub.subscribe(allianceId, (event) => send('incident', { incidentId: event.incidentId, type: event.type })),
        onResync: (listener) => hub.onResync(listener),
      });
    });
  };
}
