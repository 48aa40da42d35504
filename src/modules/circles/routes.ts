import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCitizen, requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { auditEntryOut, clientTrail } from '../audit/index.js';
import { circleActor } from './actor.js';
import { listCircleConsents, withdrawCircleConsent } from './circle/consents.js';
import * as circles from './circle/service.js';
import { startPathway } from './pathways/service.js';
import { pathwayKeys } from './pathways/templates.js';
import { planPdf, readPlan, writePlan, writeWishes } from './plan/service.js';
import {
  admissionBody, circleOut, clientParams, consentOut, consentParams, declineBody, inviteBody, memberOut, memberParams, openCircleBody, planBody, planOut, taskBody, taskOut, taskParams, timelineOut, wishesBody,
} from './schemas.js';
import { createTask, listTasks, moveTask, recordAdmission, readTimeline } from './tasks/service.js';

const tags = ['circles'];
const created = z.object({ id: z.uuid() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const noContent = { 204: z.null() };
const done = (reply: FastifyReply) => reply.status(204).send(null);

/**
 * Care circles. Every route under /circles/:clientId serves staff (session) and citizens (the citizen
 * cookie) alike: the actor is resolved per request and platform/access decides what it opens.
 */
export function circleRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const actor = (request: FastifyRequest<{ Params: { clientId: string } }>) => circleActor(deps.db, request, request.params.clientId);
  return async (app) => {
    app.get('/citizen/circles', { schema: { tags, response: { 200: items(circleOut) } } }, async (request) => ({ items: await circles.myCircles(deps, requireCitizen(request)) }));
    app.post('/circles/:clientId', { schema: { tags, params: clientParams, body: openCircleBody, response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await circles.openCircle(deps, requireUser(request), request.params.clientId, request.body.runBy) }),
    );
    app.get('/circles/:clientId', { schema: { tags, params: clientParams, response: { 200: circleOut } } }, async (request) => circles.readCircle(deps, await actor(request), request.params.clientId));
    app.get('/circles/:clientId/members', { schema: { tags, params: clientParams, response: { 200: items(memberOut) } } }, async (request) => ({
      items: await circles.listMembers(deps, await actor(request), request.params.clientId),
    }));
    app.post('/circles/:clientId/members', { schema: { tags, params: clientParams, body: inviteBody, response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await circles.inviteMember(deps, await actor(request), request.params.clientId, request.body) }),
    );
    app.delete('/circles/:clientId/members/:memberId', { schema: { tags, params: memberParams, response: noContent } }, async (request, reply) => {
      await circles.removeMember(deps, await actor(request), request.params.clientId, request.params.memberId);
      return done(reply);
    });
    app.post('/circles/:clientId/members/:memberId/coordinator', { schema: { tags, params: memberParams, response: noContent } }, async (request, reply) => {
      await circles.setCoordinator(deps, await actor(request), request.params.clientId, request.params.memberId);
      return done(reply);
    });
    app.get('/circles/:clientId/consents', { schema: { tags, params: clientParams, response: { 200: items(consentOut) } } }, async (request) => ({
      items: await listCircleConsents(deps, await actor(request), request.params.clientId),
    }));
    app.post('/circles/:clientId/consents/:consentId/withdraw', { schema: { tags, params: consentParams, response: noContent } }, async (request, reply) => {
      await withdrawCircleConsent(deps, await actor(request), request.params.clientId, request.params.consentId);
      return done(reply);
    });
    app.get('/circles/:clientId/access-log', { schema: { tags, description: 'Who looked at my data: the person’s own access trail.', params: clientParams, response: { 200: items(auditEntryOut) } } }, async (request) => ({
      items: await clientTrail(deps, await actor(request), request.params.clientId),
    }));
    app.get('/circles/:clientId/plan', { schema: { tags, params: clientParams, response: { 200: planOut } } }, async (request) => readPlan(deps, await actor(request), request.params.clientId));
    app.get('/circles/:clientId/plan.pdf', { schema: { tags, description: 'The printable plan, in the language asked (default Dutch).', params: clientParams, querystring: z.object({ language: z.enum(['nl', 'en', 'da']).default('nl') }) } }, async (request, reply) => {
      const pdf = await planPdf(deps, await actor(request), request.params.clientId, request.query.language);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="plan.pdf"').header('cache-control', 'private, no-store').send(pdf);
    });
    app.put('/circles/:clientId/plan', { schema: { tags, params: clientParams, body: planBody, response: { 200: z.object({ version: z.number().int() }) } } }, async (request) => ({
      version: await writePlan(deps, await actor(request), request.params.clientId, request.body),
    }));
    app.put('/circles/:clientId/plan/wishes', { schema: { tags, params: clientParams, body: wishesBody, response: noContent } }, async (request, reply) => {
      await writeWishes(deps, await actor(request), request.params.clientId, request.body.wishes);
      return done(reply);
    });
    app.get('/circles/:clientId/tasks', { schema: { tags, params: clientParams, response: { 200: items(taskOut) } } }, async (request) => ({ items: await listTasks(deps, await actor(request), request.params.clientId) }));
    app.post('/circles/:clientId/tasks', { schema: { tags, params: clientParams, body: taskBody, response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await createTask(deps, await actor(request), request.params.clientId, request.body) }),
    );
    for (const move of ['accept', 'complete'] as const) {
      app.post(`/circles/:clientId/tasks/:taskId/${move}`, { schema: { tags, params: taskParams, response: noContent } }, async (request, reply) => {
        await moveTask(deps, await actor(request), request.params.clientId, request.params.taskId, move);
        return done(reply);
      });
    }
    app.post('/circles/:clientId/tasks/:taskId/decline', { schema: { tags, params: taskParams, body: declineBody, response: noContent } }, async (request, reply) => {
      await moveTask(deps, await actor(request), request.params.clientId, request.params.taskId, 'decline', request.body.reason);
      return done(reply);
    });
    app.post('/circles/:clientId/pathways', { schema: { tags, params: clientParams, body: z.object({ template: z.enum(pathwayKeys) }), response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await startPathway(deps, await actor(request), request.params.clientId, request.body.template) }),
    );
    app.put('/circles/:clientId/admission', { schema: { tags, params: clientParams, body: admissionBody, response: noContent } }, async (request, reply) => {
      await recordAdmission(deps, await actor(request), request.params.clientId, request.body.inHospital);
      return done(reply);
    });
    app.get('/circles/:clientId/timeline', { schema: { tags, params: clientParams, response: { 200: items(timelineOut) } } }, async (request) => ({
      items: await readTimeline(deps, await actor(request), request.params.clientId),
    }));
  };
}
