import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { answer, multiLine } from '../../../platform/http/index.js';
import { incidentParams } from '../schemas.js';
import { listMessages, readMessages, sendMessage } from './service.js';

const tags = ['nightcare', 'messages'];

const messageOut = z.object({ id: z.string(), body: z.string(), fromCoordinator: z.boolean(), authorName: z.string(), sentAt: z.date(), readAt: z.date().nullable(), mine: z.boolean() });
const messageListOut = z.object({ items: z.array(messageOut) });

/** Short texts between the night coordinators and the incident's nurse, with read receipts. */
export function messageRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/incidents/:id/messages',
      { schema: { tags, description: "The incident's messages, oldest first (audited as a read of the client's data). Night coordinators of its alliance and its assigned nurse; others get 404.", params: incidentParams, response: { 200: messageListOut } } },
      async (request) => answer(messageListOut, { items: await listMessages(deps, requireUser(request), request.params.id) }),
    );
    app.post(
      '/nightcare/incidents/:id/messages',
      { schema: { tags, description: 'Sends a short text to the other side; on the live stream as `message`. 409 when the incident is closed.', params: incidentParams, body: z.object({ body: multiLine(500).min(1) }), response: { 201: z.object({ id: z.string() }) } } },
      async (request, reply) => reply.status(201).send({ id: await sendMessage(deps, requireUser(request), request.params.id, request.body.body) }),
    );
    app.post(
      '/nightcare/incidents/:id/messages/read',
      { schema: { tags, description: "Read receipt: marks the other side's messages read; on the live stream as `message_read`.", params: incidentParams, response: { 200: z.object({ marked: z.number().int() }) } } },
      async (request) => ({ marked: await readMessages(deps, requireUser(request), request.params.id) }),
    );
  };
}
