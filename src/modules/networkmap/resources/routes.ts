import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { invalid, multiLine, singleLine } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { idParams, themes } from '../schemas.js';
import { conversationGuide } from './guide-pdf.js';
import { listResources, publishResource, readResource } from './service.js';

const kinds = ['persona', 'film', 'document'] as const;
const line = singleLine(300);
const persona = z.object({ situation: multiLine(3000).min(10), needs: z.array(line).min(1).max(15), helps: z.array(line).min(1).max(15), quotes: z.array(multiLine(500)).max(10).default([]) });
const resourceBody = z.object({
  kind: z.enum(kinds),
  title: singleLine(140).min(3),
  summary: multiLine(2000).default(''),
  url: z.url({ protocol: /^https?$/ }).max(500).optional(),
  themes: z.array(z.enum(themes)).max(themes.length).default([]),
  persona: persona.optional(),
  madeBy: singleLine(200).default(''),
  conversations: z.number().int().min(0).max(1000).optional(),
  madeOn: z.iso.date().optional(),
  licence: singleLine(120).default(''),
  fictional: z.boolean().default(false),
  initiativeIds: z.array(z.uuid()).max(50).default([]),
});
const resourceOut = z.object({
  id: z.uuid(), kind: z.enum(kinds), title: z.string(), summary: z.string(), url: z.string().nullable(), themes: z.array(z.string()),
  persona: z.object({ situation: z.string(), needs: z.array(z.string()), helps: z.array(z.string()), quotes: z.array(z.string()) }).nullable(),
  provenance: z.object({ madeBy: z.string(), conversations: z.number().nullable(), madeOn: z.string().nullable(), licence: z.string(), publishedBy: z.string() }),
  fictional: z.boolean(),
});

/** Personas, films and documents: published by a network or the national body, read by anyone. */
export function resourceRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/networkmap/resources', { schema: { tags: ['network map (resources)'], body: resourceBody, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send(await publishResource(deps, requireUser(request), request.body)),
    );
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
  };
}
