import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { answer } from '../../../platform/http/index.js';
import type { RespiteDeps } from '../deps.js';
import { closeRequestBody, incomingRequestsOut, locationStaysOut, locationWaitlistOut, myLocationsOut } from './schemas.js';
import * as service from './service.js';

const tags = ['respite'];
const idParams = z.object({ id: z.uuid() });
const range = z.object({ from: z.iso.date(), to: z.iso.date() });

/** The staff desks: the intake's incoming requests, the care home's stays and waiting list. */
export function deskRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/respite/requests', { schema: { tags, description: 'Public requests sent to the caller\'s organisation as intake.', response: { 200: incomingRequestsOut } } }, async (request) =>
      answer(incomingRequestsOut, await service.incomingRequests(deps, requireUser(request))),
    );
    app.post('/respite/requests/:id/close', { schema: { tags, params: idParams, body: closeRequestBody, response: { 204: z.null() } } }, async (request, reply) => {
      await service.closeRequest(deps, requireUser(request), request.params.id, request.body.outcome);
      return reply.status(204).send(null);
    });
    app.get('/respite/my-locations', { schema: { tags, response: { 200: myLocationsOut } } }, async (request) => service.myLocations(deps, requireUser(request)));
    app.get('/respite/locations/:id/stays', { schema: { tags, params: idParams, querystring: range, response: { 200: locationStaysOut } } }, async (request) =>
      service.locationStays(deps, requireUser(request), request.params.id, request.query.from, request.query.to),
    );
    app.get('/respite/locations/:id/waitlist', { schema: { tags, params: idParams, response: { 200: locationWaitlistOut } } }, async (request) =>
      service.locationWaitlist(deps, requireUser(request), request.params.id),
    );
  };
}
