import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { ambitionBody, commitmentBody, commitmentParams, idParams, neighbourhoodCreate, neighbourhoodListOut, neighbourhoodOut, partnerBody, progressBody, slugParams } from './schemas.js';
import * as service from './service.js';

const tags = ['neighbourhoods'];
const created = { 201: z.object({ id: z.uuid() }) };
const noContent = { 204: z.null() };

export function neighbourhoodRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/public/neighbourhoods/:slug', { schema: { tags, description: 'The neighbourhood partnership’s public progress page: partners, shared ambitions, each partner’s commitments and progress. No login.', params: slugParams, response: { 200: neighbourhoodOut } } }, async (request) =>
      service.publicNeighbourhood(deps.readDb, request.params.slug),
    );
    app.get('/neighbourhoods', { schema: { tags, response: { 200: neighbourhoodListOut } } }, async (request) => ({ items: await service.listNeighbourhoods(deps.db, requireUser(request)) }));
    app.post('/neighbourhoods', { schema: { tags, body: neighbourhoodCreate, response: created } }, async (request, reply) => reply.status(201).send({ id: await service.createNeighbourhood(deps.db, requireUser(request), request.body) }));
    app.post('/neighbourhoods/:id/partners', { schema: { tags, params: idParams, body: partnerBody, response: noContent } }, async (request, reply) => {
      await service.addPartner(deps.db, requireUser(request), request.params.id, request.body.organisationId);
      return reply.status(204).send(null);
    });
    app.post('/neighbourhoods/:id/ambitions', { schema: { tags, params: idParams, body: ambitionBody, response: created } }, async (request, reply) =>
      reply.status(201).send({ id: await service.addAmbition(deps.db, requireUser(request), request.params.id, request.body) }),
    );
    app.post('/neighbourhoods/:id/commitments', { schema: { tags, params: idParams, body: commitmentBody, response: created } }, async (request, reply) =>
      reply.status(201).send({ id: await service.addCommitment(deps.db, requireUser(request), request.params.id, request.body) }),
    );
    app.put('/neighbourhoods/:id/commitments/:commitmentId/progress', { schema: { tags, description: 'By the partner that made the commitment, or the alliance administrator.', params: commitmentParams, body: progressBody, response: noContent } }, async (request, reply) => {
      await service.reportProgress(deps.db, requireUser(request), request.params.id, request.params.commitmentId, request.body.progress, request.body.note);
      return reply.status(204).send(null);
    });
  };
}
