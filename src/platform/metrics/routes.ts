import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Registry } from 'prom-client';
import { metricsRegistry } from './registry.js';

export interface MetricsOptions {
  /** METRICS_TOKEN: the scraper sends `Authorization: Bearer <token>`. Unset, only loopback may scrape. */
  token: string | undefined;
  /** Per-app registries beside the process's: gauges read from the database at scrape time. */
  registries?: readonly Registry[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  if (token === undefined) return LOOPBACK.has(request.ip);
  const offered = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return offered.length === wanted.length && timingSafeEqual(offered, wanted);
}

/**
 * GET /metrics in Prometheus's text format. No client data is in it, but counts of alarms and open
 * incidents say how busy a night is, so it is not public: a token, or (without one) loopback only,
 * where `request.ip` is the client behind the trusted proxies, so a local load balancer opens nothing.
 * Refusals are a bare 404, as for a route that does not exist.
 */
export function metricsRoutes(options: MetricsOptions): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (!mayScrape(request, options.token)) return reply.callNotFound();
      const registry = Registry.merge([metricsRegistry, ...(options.registries ?? [])]);
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
    });
  };
}
