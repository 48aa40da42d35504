import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAlliance } from '../access/index.js';
import { requireRole } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { listOutbox } from './outbox.js';

const outboxEntry = z.object({
  id: z.uuid(),
  recipient: z.string(),
  template: z.string(),
  language: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  transport: z.enum(['smtp', 'outbox']),
  status: z.enum(['queued', 'sent', 'failed', 'stored']),
  error: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

/** The outbox page's data: what the platform mailed for the acting alliance, for its administrator. */
export function mailRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mail/outbox',
      {
        schema: {
          tags: ['mail'],
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ mail: z.array(outboxEntry) }) },
        },
      },
      async (request) => {
        const ctx = requireRole(request, 'alliance_admin');
        return { mail: await listOutbox(db, actingAlliance(ctx), request.query.limit) };
      },
    );
  };
}
