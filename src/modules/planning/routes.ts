import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireContext, requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { answer } from '../../platform/http/index.js';
import { myVisitsOut, myVisitsQuery, nightOverviewOut, nightParams, planningRunOut, plannedVisitOut, runParams, solveBody, visitCreate, visitEdit, visitParams, seriesCreate, seriesEdit, seriesOut, seriesStop, visitStepBody } from './schemas.js';
import { actionReceipts } from '../../platform/auth/index.js';
import { moveVisit, myVisits } from './my-visits.js';
import * as service from './service.js';
import { addVisit, deleteVisit, editVisit } from './visits.js';
import { readPlannedVisit } from './visit-read.js';
import { addSeries, editSeries, listSeries, stopSeries } from './series.js';

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
    app.post('/planning/visits', { schema: { tags, description: "A planned night visit by the client's home organisation; refused (PLANNED_VISITS_OFF) while the alliance has planned visits off.", body: visitCreate, response: { 201: z.object({ id: z.string() }) } } }, async (request, reply) =>
      reply.status(201).send({ id: await addVisit(deps, requireUser(request), request.body) }),
    );
    app.get('/planning/visits/:id', { schema: { tags, description: "One planned visit, for whoever may identify its client (the home organisation, the assigned nurse); audited. The FHIR API's Encounter of status planned is this read.", params: visitParams, response: { 200: plannedVisitOut } } }, async (request) =>
      answer(plannedVisitOut, await readPlannedVisit(deps, requireContext(request), request.params.id)),
    );
    app.patch('/planning/visits/:id', { schema: { tags, description: "Changes a planned visit that has not started (the home organisation's coordinators and administrators); audited. A new window, duration or skill takes it out of the plan until the night is planned again.", params: visitParams, body: visitEdit, response: { 204: z.null() } } }, async (request, reply) => {
      await editVisit(deps, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
    app.delete('/planning/visits/:id', { schema: { tags, description: 'Deletes a planned visit that has not started; audited. The nurse loses access to the client with it.', params: visitParams, response: { 204: z.null() } } }, async (request, reply) => {
      await deleteVisit(deps, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    });
    app.post('/planning/series', { schema: { tags, description: "A recurring planned visit from a care agreement, by the client's home organisation: the RRULE picks the nights, the window is wall-clock time in the alliance's zone. Expanded into the night's visits when the night is planned.", body: seriesCreate, response: { 201: z.object({ id: z.string() }) } } }, async (request, reply) =>
      reply.status(201).send({ id: await addSeries(deps, requireUser(request), request.body) }),
    );
    app.get('/planning/series', { schema: { tags, description: "The recurring visits of the caller's organisation in the acting alliance.", response: { 200: seriesOut } } }, async (request) =>
      answer(seriesOut, { items: await listSeries(deps, requireUser(request)) }),
    );
    app.patch('/planning/series/:id', { schema: { tags, description: 'Changes a series; its visits that have not begun follow when their night is planned again. Audited.', params: visitParams, body: seriesEdit, response: { 204: z.null() } } }, async (request, reply) => {
      await editSeries(deps, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
    app.post('/planning/series/:id/stop', { schema: { tags, description: 'Stops a series after its last night; later visits that have not begun are removed. Audited.', params: visitParams, body: seriesStop, response: { 204: z.null() } } }, async (request, reply) => {
      await stopSeries(deps, requireUser(request), request.params.id, request.body.lastNight);
      return reply.status(204).send(null);
    });
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
