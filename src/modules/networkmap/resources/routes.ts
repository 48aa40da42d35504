import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { invalid } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { idParams, themes } from '../schemas.js';
import { conversationGuide } from './guide-pdf.js';
import { kinds, ownResourceOut, resourceBody, resourceOut } from './schemas.js';
import { editResource, listResources, ownResources, publishResource, readDocument, readResource, withdrawOwnResource } from './service.js';

/** Personas, films and documents: published, edited and withdrawn by a network or the national body, read by anyone. */
export function resourceRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const staffTags = ['network map (resources)'];
    app.post('/networkmap/resources', { schema: { tags: staffTags, body: resourceBody, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send(await publishResource(deps, requireUser(request), request.body)),
    );
    app.get('/networkmap/resources/own', { schema: { tags: staffTags, description: 'What the caller’s organisation published, withdrawn ones too.', response: { 200: z.array(ownResourceOut) } } }, async (request) =>
      ownResources(deps, requireUser(request)),
    );
    app.put('/networkmap/resources/:id', { schema: { tags: staffTags, params: idParams, body: resourceBody, response: { 204: z.null() } } }, async (request, reply) => {
      await editResource(deps, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
    app.post('/networkmap/resources/:id/withdraw', { schema: { tags: staffTags, params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await withdrawOwnResource(deps, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    });

    const tags = ['network map (public)'];
    app.get('/public/networkmap/resources', { schema: { tags, querystring: z.object({ kind: z.enum(kinds).optional(), theme: z.enum(themes).optional(), initiativeId: z.uuid().optional() }), response: { 200: z.array(resourceOut) } } }, async (request) =>
      listResources(deps.readDb, request.query),
    );
    app.get('/public/networkmap/resources/:id', { schema: { tags, params: idParams, response: { 200: resourceOut.extend({ initiatives: z.array(z.object({ id: z.uuid(), title: z.string() })) }) } } }, async (request) =>
      readResource(deps.readDb, request.params.id),
    );
    app.get('/public/networkmap/resources/:id/guide.pdf', { schema: { tags, description: 'A persona’s printable conversation guide.', params: idParams } }, async (request, reply) => {
      const found = await readResource(deps.readDb, request.params.id);
      if (!found.persona) throw invalid('Only a persona has a conversation guide');
      const pdf = await conversationGuide({ ...found, persona: found.persona });
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="gespreksleidraad.pdf"').send(pdf);
    });
    app.get('/public/networkmap/resources/:id/document', { schema: { tags, description: 'An uploaded document (PDF).', params: idParams } }, async (request, reply) => {
      const file = await readDocument(deps.readDb, request.params.id);
      // An attachment, never rendered in the site's origin; the name is ASCII-safe in the header and exact in filename*.
      return reply
        .type(file.media_type)
        .header('content-disposition', `attachment; filename="${file.file_name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .send(file.content);
    });
  };
}
