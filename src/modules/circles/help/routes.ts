import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlatformDeps } from '../../../platform/deps.js';
import { circleActor } from '../actor.js';
import { clientParams, helpBody, helpOut, helpParams, loadOut } from '../schemas.js';
import type { CircleSettings } from '../settings.js';
import { claimHelp, closeHelp, listHelp, postHelp, readLoad } from './service.js';

const tags = ['circles'];

/** Reciprocity: requests and offers of help in the circle, claimed by members; and the load signal. */
export function helpRoutes(deps: PlatformDeps, settings: CircleSettings): FastifyPluginAsyncZod {
  const actor = (request: FastifyRequest<{ Params: { clientId: string } }>) => circleActor(deps.db, request, request.params.clientId);
  return async (app) => {
    app.get('/circles/:clientId/help', { schema: { tags, params: clientParams, response: { 200: z.object({ items: z.array(helpOut) }) } } }, async (request) => ({
      items: await listHelp(deps, await actor(request), request.params.clientId),
    }));
    app.post('/circles/:clientId/help', { schema: { tags, description: 'A request for help or an offer of it, by the person, a member, or a professional on the person’s behalf.', params: clientParams, body: helpBody, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send({ id: await postHelp(deps, await actor(request), request.params.clientId, request.body) }),
    );
    app.post('/circles/:clientId/help/:helpId/claim', { schema: { tags, description: '409 when someone else took it up first or it is your own.', params: helpParams, response: { 204: z.null() } } }, async (request, reply) => {
      await claimHelp(deps, await actor(request), request.params.clientId, request.params.helpId);
      return reply.status(204).send(null);
    });
    for (const to of ['done', 'withdrawn'] as const) {
      app.post(`/circles/:clientId/help/:helpId/${to === 'done' ? 'done' : 'withdraw'}`, { schema: { tags, params: helpParams, response: { 204: z.null() } } }, async (request, reply) => {
        await closeHelp(deps, await actor(request), request.params.clientId, request.params.helpId, to);
        return reply.status(204).send(null);
      });
    }
    app.get('/circles/:clientId/load', { schema: { tags, description: 'Whether one informal caregiver carries most of the help (share and window are settings), with the respite overview as a suggestion.', params: clientParams, response: { 200: loadOut } } }, async (request) =>
      readLoad(deps, settings, await actor(request), request.params.clientId),
    );
  };
}
