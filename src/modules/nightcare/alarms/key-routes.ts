import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import * as s from './key-schemas.js';
import { deleteAlarmKey, listAlarmKeys, putAlarmKey } from './keys.js';

const tags = ['nightcare', 'dc09'];

/** The AES keys of encrypting DC-09 transmitters, per alarm account. Alliance administrators of that alliance only. */
export function alarmKeyRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/alarm-keys',
      { schema: { tags, description: 'Alarm accounts with an encryption key: account, key length and creation time. Never the key itself.', querystring: s.alarmKeyQuery, response: { 200: z.object({ items: z.array(s.alarmKeyOut) }) } } },
      async (request) => ({ items: await listAlarmKeys(deps, requireUser(request), request.query.allianceId) }),
    );
    app.post(
      '/nightcare/alarm-keys',
      {
        schema: {
          tags,
          description: 'Sets or replaces the key of one account; audited. The receiver of this server uses it at once, others within 30 s. From then on plain-text frames of the account are refused.',
          body: s.alarmKeyBody,
          response: { 200: s.alarmKeySetOut },
        },
      },
      async (request) => putAlarmKey(deps, requireUser(request), request.body),
    );
    app.delete(
      '/nightcare/alarm-keys/:account',
      { schema: { tags, description: 'Deletes the key of one account (404 when it has none); audited. The account must then send plain text.', params: s.alarmKeyParams, querystring: s.alarmKeyQuery, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteAlarmKey(deps, requireUser(request), { account: request.params.account, allianceId: request.query.allianceId });
        return reply.status(204).send(null);
      },
    );
  };
}
