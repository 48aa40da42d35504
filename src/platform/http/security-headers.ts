import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers on every response, with a content security policy that allows what the
 * web app needs. The middleware is built once: the Fastify plugin built it again for every request
 * (parsing the policy each time), a few per cent of the server's time on the hottest routes
 * (bench:api's profile).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet({
    contentSecurityPolicy: {
      // frame-src https: the network map embeds films by their URL, and only after the visitor clicks play.
      directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'worker-src': ["'self'", 'blob:'], 'style-src': ["'self'", "'unsafe-inline'"], 'frame-src': ["'self'", 'https:'] },
    },
  });
  app.addHook('onRequest', (request, reply, done) => apply(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
}
