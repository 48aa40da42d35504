import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireContext, requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { importClientsCsv } from './csv-import.js';
import { letterBatchPdf, letterBatchStatus, singleLetter, startLetterBatch } from './letters.js';
import {
  clientCreate,
  clientIdParams,
  clientRecordOut,
  clientSearchQuery,
  clientUpdate,
  emergencyAccessBody,
  identificationOut,
  importQuery,
  importReportOut,
  nightSummaryOut,
  objectionBody,
} from './schemas.js';
import * as service from './service.js';

const tags = ['clients'];
const ok = z.object({ ok: z.literal(true) });

export function clientRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/clients', { schema: { tags, querystring: clientSearchQuery, response: { 200: z.object({ items: z.array(identificationOut) }) } } }, async (request) => ({
      items: await service.searchClients(deps, requireContext(request), request.query),
    }));
    app.post('/clients', { schema: { tags, body: clientCreate, response: { 201: z.object({ id: z.string() }) } } }, async (request, reply) =>
      reply.status(201).send({ id: await service.createClient(deps, requireContext(request), request.body) }),
    );
    app.get('/clients/:id', { schema: { tags, params: clientIdParams, response: { 200: clientRecordOut } } }, async (request) =>
      service.readClientRecord(deps, requireContext(request), request.params.id),
    );
    app.patch('/clients/:id', { schema: { tags, params: clientIdParams, body: clientUpdate, response: { 200: clientRecordOut } } }, async (request) =>
      service.updateClient(deps, requireContext(request), request.params.id, request.body),
    );
    app.get('/clients/:id/night-summary', { schema: { tags, params: clientIdParams, response: { 200: nightSummaryOut } } }, async (request) =>
      service.readNightSummary(deps, requireContext(request), request.params.id),
    );
    app.post(
      '/clients/:id/key-safe/reveal',
      { schema: { tags, params: clientIdParams, response: { 200: z.object({ code: z.string().nullable(), location: z.string().nullable() }) } } },
      async (request) => service.revealKeySafe(deps, requireUser(request), request.params.id),
    );
    app.post(
      '/clients/:id/emergency-access',
      { schema: { tags, params: clientIdParams, body: emergencyAccessBody, response: { 201: z.object({ grantId: z.string(), expiresAt: z.date() }) } } },
      async (request, reply) => reply.status(201).send(await service.breakTheGlass(deps, requireUser(request), request.params.id, request.body.reason)),
    );
    app.post('/clients/:id/objection', { schema: { tags, params: clientIdParams, body: objectionBody, response: { 200: ok } } }, async (request) => {
      await service.recordObjection(deps, requireUser(request), request.params.id, request.body.objected, request.body.note);
      return { ok: true as const };
    });
    app.post(
      '/clients/import',
      {
        schema: {
          tags,
          description:
            "CSV (comma or semicolon separated) with a header row. Rows whose client_number is one of the organisation's clients update that client; the others are added. With endMissing, numbered clients missing from the file have their care ended. All rows or none; preview reports the same and changes nothing.",
          querystring: importQuery,
          body: z.string().min(1),
          response: { 200: importReportOut },
        },
      },
      async (request) => importClientsCsv(deps, requireUser(request), request.body, request.query),
    );
    app.get('/clients/:id/letter.pdf', { schema: { tags, params: clientIdParams } }, async (request, reply) => {
      const pdf = await singleLetter(deps, requireUser(request), request.params.id);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="informatiebrief.pdf"').send(pdf);
    });
    app.post(
      '/letters/batches',
      {
        schema: {
          tags,
          body: z.object({ scope: z.enum(['unsent', 'all', 'selected']), clientIds: z.array(z.uuid()).max(20_000).optional(), markSent: z.boolean().default(true) }),
          response: { 202: z.object({ id: z.string(), total: z.number() }) },
        },
      },
      async (request, reply) => reply.status(202).send(await startLetterBatch(deps, requireUser(request), request.body)),
    );
    app.get(
      '/letters/batches/:id',
      { schema: { tags, params: clientIdParams, response: { 200: z.object({ id: z.string(), total: z.number(), done: z.number(), status: z.string(), created_at: z.date(), finished_at: z.date().nullable() }) } } },
      async (request) => letterBatchStatus(deps, requireUser(request), request.params.id),
    );
    app.get('/letters/batches/:id/pdf', { schema: { tags, params: clientIdParams } }, async (request, reply) => {
      const pdf = await letterBatchPdf(deps, requireUser(request), request.params.id);
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="informatiebrieven.pdf"').send(pdf);
    });
  };
}
