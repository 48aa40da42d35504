import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlatformDeps } from '../../../platform/deps.js';
import { circleActor } from '../actor.js';
import { clientParams, messageBody, messageParams, messageQuery, threadOut } from '../schemas.js';
import type { CircleSettings } from '../settings.js';
import { listThreads, readAttachment, sendMessage } from './service.js';

const tags = ['circles'];

/** RFC 6266: the file's own name for the download, safe in the header whatever characters it has. */
const disposition = (fileName: string) => `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** The circle's messages: threads per circle or per task, attachments checked by their bytes. */
export function messageRoutes(deps: PlatformDeps, settings: CircleSettings): FastifyPluginAsyncZod {
  const actor = (request: FastifyRequest<{ Params: { clientId: string } }>) => circleActor(deps.db, request, request.params.clientId);
  return async (app) => {
    app.get('/circles/:clientId/messages', { schema: { tags, params: clientParams, querystring: messageQuery, response: { 200: z.object({ items: z.array(threadOut) }) } } }, async (request) => ({
      items: await listThreads(deps, await actor(request), request.params.clientId, request.query.taskId),
    }));
    app.post(
      '/circles/:clientId/messages',
      {
        schema: {
          tags,
          description: 'A message, a reply (threadId) or the first message about a task (taskId). Members with the messages scope get a mail that only says there is one.',
          params: clientParams,
          body: messageBody,
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => reply.status(201).send({ id: await sendMessage(deps, settings, await actor(request), request.params.clientId, request.body) }),
    );
    app.get('/circles/:clientId/messages/:messageId/attachments/:attachmentId', { schema: { tags, params: messageParams } }, async (request, reply) => {
      const file = await readAttachment(deps, await actor(request), request.params.clientId, request.params.messageId, request.params.attachmentId);
      return reply.type(file.media_type).header('content-disposition', disposition(file.file_name)).header('cache-control', 'private, no-store').send(file.content);
    });
  };
}
