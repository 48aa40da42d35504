import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/index.js';
import { answer } from '../../platform/http/index.js';
import * as booking from './booking/service.js';
import type { RespiteDeps } from './deps.js';
import * as locations from './locations/service.js';
import {
  bookingOut, clientParams, fundingCheckOut, fundingCreate, idParams, locationCreate, needsSchema, searchQuery, searchResultOut, seriesCreate, seriesOut, stayChange, stayCreate, waitlistCreate,
} from './schemas.js';
import { addFunding } from './funding-service.js';
import { acceptHold, joinWaitlist } from './waitlist/service.js';

const tags = ['respite'];
const created = z.object({ id: z.uuid() });
const range = z.object({ from: z.iso.date(), to: z.iso.date() });
const fundingCheckQuery = range.extend({ requestId: z.uuid().optional().describe('The request the intake answers: its municipality’s Wmo decision counts before a stay has answered it') });

export function respiteRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/respite/locations', { schema: { tags, body: locationCreate, response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await locations.addLocation(deps, requireUser(request), request.body) }),
    );
    app.post('/respite/locations/:id/blocks', { schema: { tags, params: idParams, body: range.extend({ bedId: z.uuid(), kind: z.enum(['block', 'maintenance']) }), response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send(await locations.blockBed(deps, requireUser(request), request.params.id, request.body)),
    );
    app.get('/respite/locations/:id/occupancy', { schema: { tags, params: idParams, querystring: range, response: { 200: z.array(z.object({ bed_id: z.uuid(), label: z.string(), day: z.string(), kind: z.string().nullable(), status: z.string().nullable() })) } } }, async (request) =>
      locations.occupancy(deps, requireUser(request), request.params.id, request.query.from, request.query.to),
    );
    app.get('/respite/search', { schema: { tags, description: 'Free places for the nights, with in words why a place does not fit the person.', querystring: searchQuery.and(z.object({ funding: z.enum(['wmo', 'wlz', 'private']).optional() })), response: { 200: searchResultOut } } }, async (request) =>
      answer(searchResultOut, await locations.search(deps, requireUser(request), request.query, request.query.funding)),
    );
    app.put('/respite/clients/:clientId/needs', { schema: { tags, params: clientParams, body: needsSchema, response: { 204: z.null() } } }, async (request, reply) => {
      await locations.setNeeds(deps, requireUser(request), request.params.clientId, request.body);
      return reply.status(204).send(null);
    });
    app.get('/respite/clients/:clientId/needs', { schema: { tags, params: clientParams, response: { 200: needsSchema } } }, async (request) =>
      locations.readNeeds(deps, requireUser(request), request.params.clientId),
    );
    app.post('/respite/funding', { schema: { tags, body: fundingCreate, response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await addFunding(deps, requireUser(request), request.body) }),
    );
    app.get('/respite/clients/:clientId/funding-check', { schema: { tags, params: clientParams, querystring: fundingCheckQuery, response: { 200: fundingCheckOut } } }, async (request) =>
      answer(fundingCheckOut, await booking.fundingCheckInWords(deps, requireUser(request), request.params.clientId, request.query.from, request.query.to, request.query.requestId ?? null)),
    );
    app.post('/respite/stays', { schema: { tags, body: stayCreate, response: { 201: bookingOut } } }, async (request, reply) =>
      reply.status(201).send(await booking.bookStay(deps, requireUser(request), request.body)),
    );
    app.post('/respite/series', { schema: { tags, body: seriesCreate, response: { 201: seriesOut } } }, async (request, reply) =>
      reply.status(201).send(await booking.bookSeries(deps, requireUser(request), request.body)),
    );
    app.patch('/respite/stays/:id', { schema: { tags, params: idParams, body: stayChange, response: { 200: bookingOut } } }, async (request) =>
      booking.changeStay(deps, requireUser(request), request.params.id, request.body.from, request.body.to),
    );
    app.post('/respite/stays/:id/cancel', { schema: { tags, params: idParams, response: { 200: z.object({ id: z.uuid(), status: z.string(), offeredTo: z.number() }) } } }, async (request) =>
      booking.cancelStay(deps, requireUser(request), request.params.id),
    );
    for (const decision of ['accept', 'decline', 'no_show'] as const) {
      app.post(`/respite/stays/:id/${decision.replace('_', '-')}`, { schema: { tags, params: idParams, response: { 200: bookingOut } } }, async (request) =>
        booking.decideStay(deps, requireUser(request), request.params.id, decision),
      );
    }
    app.post('/respite/stays/:id/accept-offer', { schema: { tags, params: idParams, response: { 200: bookingOut } } }, async (request) =>
      acceptHold(deps, requireUser(request), request.params.id),
    );
    app.post('/respite/waitlist', { schema: { tags, body: waitlistCreate, response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send(await joinWaitlist(deps, requireUser(request), request.body)),
    );
    app.post('/respite/intro-visits', { schema: { tags, body: z.object({ clientId: z.uuid(), locationId: z.uuid(), visitOn: z.iso.date() }), response: { 201: created } } }, async (request, reply) =>
      reply.status(201).send({ id: await booking.bookIntroVisit(deps, requireUser(request), request.body) }),
    );
  };
}
