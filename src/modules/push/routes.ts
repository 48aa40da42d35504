import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { deviceParams, subscriptionBody, vapidKeyOut } from './schemas.js';
import * as service from './service.js';

const tags = ['push'];

export interface PushRouteOptions {
  /** Tests run a local push service over plain HTTP; production accepts https endpoints only. */
  allowHttpEndpoints?: boolean;
}

/** Web Push subscriptions, one per user and device, so an offer reaches a phone whose page is closed. */
export function pushRoutes(deps: PlatformDeps, options: PushRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/push/vapid-key', { schema: { tags, description: "The server's VAPID public key.", response: { 200: vapidKeyOut } } }, async (request) => {
      requireUser(request);
      return { publicKey: await service.publicKey(deps) };
    });
    app.put(
      '/push/subscriptions/:deviceId',
      { schema: { tags, description: "Stores (or replaces) this device's push subscription for the logged-in user.", params: deviceParams, body: subscriptionBody(options.allowHttpEndpoints ?? false), response: { 204: z.null() } } },
      async (request, reply) => {
        await service.subscribe(deps, requireUser(request).actorId, request.params.deviceId, request.body);
        return reply.status(204).send(null);
      },
    );
    app.delete('/push/subscriptions/:deviceId', { schema: { tags, description: "Removes this device's subscription (logging out, push turned off).", params: deviceParams, response: { 204: z.null() } } }, async (request, reply) => {
      await service.unsubscribe(deps, requireUser(request).actorId, request.params.deviceId);
      return reply.status(204).send(null);
    });
  };
}
