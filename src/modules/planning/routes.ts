import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { answer } from '../../platform/http/index.js';
import { myVisitsOut, myVisitsQuery, nightOverviewOut, nightParams, planningRunOut, runParams, solveBody, visitCreate, visitParams, visitStepBody } from './schemas.js';
import { actionReceipts } from '../../platform/auth/index.js';
import { moveVisit, myVisits } from './my-visits.js';
import * as service from './service.js';

const tags = ['planning'];

export function planningRoutes(deps: PlatformDeps, options: service.PlanningOptions = {}): FastifyPluginAsyncZod {
  const receipts = actionReceipts(deps.db);
  return async (app) => {
    app.get('/planning/my-visits', { schema: { tags, description: "The nurse's planned visits of a night in route order, with planned times and locations.", querystring: myVisitsQuery, response: { 200: myVisitsOut } } }, async (request) =>
      answer(myVisitsOut, { items: await myVisits(deps, requireUser(request), request.query.night) }),
    );
    app.post(
      '/planning/visits/:id/status',
      { preHandler: receipts.preHandler, onSend: receipts.onSend, schema: { tags, description: 'A step of a planned visit by its nurse (on the way, on site, done); audited. Done ends her access to the client. Honours Idempotency-Key.', params: visitParams, body: visitStepBody, response: { 200: z.object({ ok: z.literal(true) }) } } },
      async (request) => {
        await moveVisit(deps, requireUser(request), request.params.id, request.body.status);
        return { ok: true as const };
      },
    );
    app.post('/planning/visits', { schema: { tags, body: visitCreate, response: { 201: z.object({ id: z.string() }) } } }, async (request, reply) =>
      reply.status(201).send({ id: await service.addVisit(deps, requireUser(request), request.body) }),
    );
    app.get('/planning/nights/:night', { schema: { tags, description: "The planner's night: planned visits, nurses on duty and the latest solver run.", params: nightParams, response: { 200: nightOverviewOut } } }, async (request) =>
      answer(nightOverviewOut, await service.nightOverview(deps, requireUser(request), request.params.night)),
    );
    app.post('/planning/nights/:night/solve', { schema: { tags, params: nightParams, body: solveBody, response: { 202: z.object({ runId: z.string() }) } } }, async (request, reply) =>
      reply.status(202).send(await service.startPlanning(deps, options, requireUser(request), request.params.night, Math.round(request.body.timeLimitSeconds * 1000))),
    );
    app.post('/planning/runs/:id/stop', { schema: { tags, description: "Stops a running solver run; it keeps the best plan found so far. 409 when the run has already finished.", params: runParams, response: { 202: z.object({ ok: z.literal(true) }) } } }, async (request, reply) => {
      await service.stopPlanning(deps, requireUser(request), request.params.id);
      return reply.status(202).send({ ok: true as const });
    });
    app.get('/planning/runs/:id', { schema: { tags, description: 'A solver run and its progress.', params: runParams, response: { 200: planningRunOut } } }, async (request) =>
      answer(planningRunOut, await service.runStatus(deps, requireUser(request), request.params.id)),
    );
  };
}
