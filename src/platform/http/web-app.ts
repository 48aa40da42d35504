import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Serves the built React app; unknown non-API paths get index.html so client-side routes work on reload. */
export async function installWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn('web/dist is missing: run `npm run build:web` to serve the web app');
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route' } });
    const file = path.join(WEB_DIST, request.url.split('?')[0] ?? '');
    if (file.startsWith(WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(WEB_DIST, file));
    return reply.sendFile('index.html');
  });
}
