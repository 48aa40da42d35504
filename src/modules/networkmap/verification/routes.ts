import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { NetworkMapDeps } from '../deps.js';
import { tokenBody } from '../public/schemas.js';
import { reverify } from './service.js';

/** The contact's one-click re-verification through the link in the reminder. */
export function verificationRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/public/networkmap/reverify', { schema: { tags: ['network map (public)'], body: tokenBody, response: { 200: z.object({ title: z.string(), lastVerifiedOn: z.string() }) } } }, async (request) => reverify(deps, request.body.token));
  };
}
