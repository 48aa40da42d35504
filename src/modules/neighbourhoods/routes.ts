import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import * as admin from './admin.js';
import * as volunteers from './volunteers.js';
import {
  ambitionBody, ambitionParams, commitmentBody, commitmentParams, commitmentUpdate, idParams, neighbourhoodCreate, neighbourhoodListOut, neighbourhoodOut, neighbourhoodUpdate, partnerBody, partnerParams, progressBody, slugParams, volunteerBody, volunteerListOut, volunteerParams,
} from './schemas.js';
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
    app.get('/neighbourhoods/:id', { schema: { tags, description: 'The partnership as its public page shows it, for the alliance’s staff to edit.', params: idParams, response: { 200: neighbourhoodOut } } }, async (request) => service.readNeighbourhood(deps.db, requireUser(request), request.params.id));
    app.put('/neighbourhoods/:id', { schema: { tags, description: 'Alliance administrator: name, address (slug), municipality, postcode areas, introduction.', params: idParams, body: neighbourhoodUpdate, response: noContent } }, async (request, reply) => {
      await admin.updateNeighbourhood(deps.db, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
    app.delete('/neighbourhoods/:id/partners/:organisationId', { schema: { tags, description: '400 while the partner still has commitments here.', params: partnerParams, response: noContent } }, async (request, reply) => {
      await admin.removePartner(deps.db, requireUser(request), request.params.id, request.params.organisationId);
      return reply.status(204).send(null);
    });
    app.put('/neighbourhoods/:id/ambitions/:ambitionId', { schema: { tags, params: ambitionParams, body: ambitionBody, response: noContent } }, async (request, reply) => {
      await admin.updateAmbition(deps.db, requireUser(request), request.params.id, request.params.ambitionId, request.body);
      return reply.status(204).send(null);
    });
    app.put('/neighbourhoods/:id/commitments/:commitmentId', { schema: { tags, params: commitmentParams, body: commitmentUpdate, response: noContent } }, async (request, reply) => {
      await admin.updateCommitment(deps.db, requireUser(request), request.params.id, request.params.commitmentId, request.body);
      return reply.status(204).send(null);
    });
    app.get('/neighbourhoods/:id/volunteers', { schema: { tags, params: idParams, response: { 200: volunteerListOut } } }, async (request) => ({ items: await volunteers.listVolunteers(deps, requireUser(request), request.params.id) }));
    app.post('/neighbourhoods/:id/volunteers', { schema: { tags, description: 'Alliance administrator: a volunteer sees the help shared in this neighbourhood and gets a sign-in link.', params: idParams, body: volunteerBody, response: noContent } }, async (request, reply) => {
      await volunteers.addVolunteer(deps, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
    app.delete('/neighbourhoods/:id/volunteers/:citizenId', { schema: { tags, params: volunteerParams, response: noContent } }, async (request, reply) => {
      await volunteers.removeVolunteer(deps, requireUser(request), request.params.id, request.params.citizenId);
      return reply.status(204).send(null);
    });
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
