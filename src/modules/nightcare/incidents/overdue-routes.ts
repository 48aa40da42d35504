import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { setOverdueRepeatMinutes } from './overdue.js';

export const overdueSettingsBody = z.object({
  allianceId: z.uuid().optional().describe('Default: the caller’s first alliance'),
  repeatMinutes: z.number().int().min(1).max(120).describe('Minutes after the first closed-loop alert before the second, while no nurse is on site'),
});

export function overdueRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch(
      '/nightcare/overdue-alert/settings',
      { schema: { tags: ['nightcare'], description: 'Sets the delay of the second closed-loop alert for an incident with no nurse on site by its deadline. Alliance administrators.', body: overdueSettingsBody, response: { 204: z.null() } } },
      async (request, reply) => {
        await setOverdueRepeatMinutes(deps, requireUser(request), request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
