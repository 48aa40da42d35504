import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCitizen } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { circleActor } from '../actor.js';
import { helpParams } from '../schemas.js';
import { acceptClaim, declineClaim, listClaims } from './claims.js';
import { claimOut, claimParams, neighbourHelpOut, neighbourHelpParams, shareBody, shareOut } from './schemas.js';
import { listNeighbourhoodHelp, offerToTakeUp, shareHelp } from './service.js';

const tags = ['circles'];
const clientParams = z.object({ clientId: z.uuid() });

/** Help shared with the neighbourhood: the person shares, neighbours offer, the person accepts. */
export function neighbourhoodHelpRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const actor = (request: FastifyRequest<{ Params: { clientId: string } }>) => circleActor(deps.db, request, request.params.clientId);
  return async (app) => {
    app.put('/circles/:clientId/help/:helpId/neighbourhood', { schema: { tags, description: 'Show an open request or offer to the neighbourhood of the person’s postcode area (only the chosen fields), or stop. Needs the circle’s management.', params: helpParams, body: shareBody, response: { 200: shareOut } } }, async (request) =>
      shareHelp(deps, await actor(request), request.params.clientId, request.params.helpId, request.body),
    );
    app.get('/circles/:clientId/help-claims', { schema: { tags, description: 'Neighbours who offered to take up shared help.', params: clientParams, response: { 200: z.object({ items: z.array(claimOut) }) } } }, async (request) => ({
      items: await listClaims(deps, await actor(request), request.params.clientId),
    }));
    app.post('/circles/:clientId/help-claims/:claimId/accept', { schema: { tags, description: 'The neighbour becomes a member with the tasks scope only, by the recorded consent of the one who runs the circle.', params: claimParams, response: { 204: z.null() } } }, async (request, reply) => {
      await acceptClaim(deps, await actor(request), request.params.clientId, request.params.claimId);
      return reply.status(204).send(null);
    });
    app.post('/circles/:clientId/help-claims/:claimId/decline', { schema: { tags, params: claimParams, response: { 204: z.null() } } }, async (request, reply) => {
      await declineClaim(deps, await actor(request), request.params.clientId, request.params.claimId);
      return reply.status(204).send(null);
    });
    app.get('/citizen/neighbourhood-help', { schema: { tags, description: 'Help shared in the neighbourhoods of the signed-in citizen’s circles (or where they volunteer), outside their own circles.', response: { 200: z.object({ items: z.array(neighbourHelpOut) }) } } }, async (request) => ({
      items: await listNeighbourhoodHelp(deps.db, requireCitizen(request)),
    }));
    app.post('/citizen/neighbourhood-help/:helpId/claim', { schema: { tags, description: 'An offer to take up shared help; it opens nothing until the person or coordinator accepts it. 409 when offered before.', params: neighbourHelpParams, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send({ id: await offerToTakeUp(deps.db, requireCitizen(request), request.params.helpId) }),
    );
  };
}
