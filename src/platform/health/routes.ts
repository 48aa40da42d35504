import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readiness, type ReadinessCheck } from './readiness.js';

const tags = ['health'];
const status = z.enum(['up', 'down']);
const readyOut = z.object({ status, checks: z.record(z.string(), status).describe('Per check, e.g. database and dc09') });

/**
 * For load balancers and monitoring: no authentication and no client data. Liveness says only that the
 * process serves HTTP; readiness that it can take alarms (database answers, DC-09 listener bound).
 */
export function healthRoutes(checks: readonly ReadinessCheck[]): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health/live', { schema: { tags, description: 'Liveness: 200 while the process runs.', response: { 200: z.object({ status: z.literal('up') }) } } }, async () => ({ status: 'up' as const }));
    app.get(
      '/health/ready',
      { schema: { tags, description: 'Readiness: 200 only when every check is up, else 503; the body names each check’s status.', response: { 200: readyOut, 503: readyOut } } },
      async (_request, reply) => {
        const result = await readiness(checks);
        return reply
          .status(result.ready ? 200 : 503)
          .header('cache-control', 'no-store')
          .send({ status: result.ready ? 'up' : 'down', checks: result.checks });
      },
    );
  };
}
