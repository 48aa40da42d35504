import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const ASSETS = path.join(WEB_DIST, 'assets');

/** Vite names every file under assets/ by its content's hash: a changed file gets a new name, so a cached one never goes stale. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and anything else unhashed) is revalidated on every load, so a release reaches browsers at once. */
export const REVALIDATE = 'no-cache';

function cacheHeaders(reply: FastifyReply, filePath: string): void {
  void reply.header('cache-control', filePath.startsWith(ASSETS + path.sep) ? IMMUTABLE : REVALIDATE);
}

/**
 * The service worker is fetched fresh on every check (a stale worker would keep old code on phones for
 * a day) and may control the whole site from the root; the manifest goes with its registered type.
 */
function installableHeaders(reply: FastifyReply, file: string): void {
  // A precompressed copy (sw.js.br) stands for its original.
  const name = path.basename(file).replace(/\.(br|gz)$/, '');
  if (name === 'sw.js') {
    reply.header('Cache-Control', 'no-cache');
    reply.header('Service-Worker-Allowed', '/');
  } else if (name === 'manifest.webmanifest') {
    reply.header('Content-Type', 'application/manifest+json; charset=utf-8');
  }
}

/**
 * Serves the built React app; unknown non-API paths get index.html so client-side routes work on reload.
 * The build writes brotli and gzip copies beside each file (web/build/precompress.ts); they are sent
 * to browsers that accept them.
 */
export async function installWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn('web/dist is missing: run `npm run build:web` to serve the web app');
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, preCompressed: true, cacheControl: false, setHeaders: (reply, file) => { cacheHeaders(reply, file); installableHeaders(reply, file); }, globIgnore: ['**/*.br', '**/*.gz'] });
  // A precompressed file gets its type from the send step after setHeaders ran: the worker's canonical
  // JavaScript type is put back here.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.split('?')[0] === '/sw.js') void reply.header('content-type', 'text/javascript; charset=utf-8');
    return payload;
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route' } });
    const file = path.join(WEB_DIST, request.url.split('?')[0] ?? '');
    if (file.startsWith(WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(WEB_DIST, file));
    return reply.sendFile('index.html');
  });
}
