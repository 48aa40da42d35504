import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOrigin {
  method: string;
  secFetchSite: string | undefined;
  origin: string | undefined;
  /** The request's own host (host:port), through the trusted proxies. */
  host: string;
}

/**
 * Whether a state-changing request came from another site's page, after Go's net/http
 * CrossOriginProtection: browsers say so in Sec-Fetch-Site (`same-site` is another origin too); older
 * browsers only send Origin, whose host must be ours. A request with neither header is no browser's
 * cross-site request (API keys, webhooks, tests) and passes. The SameSite=Strict cookie is the first
 * line; this check also covers sibling subdomains, which SameSite counts as the same site.
 */
export function isCrossSite({ method, secFetchSite, origin, host }: RequestOrigin): boolean {
  if (SAFE_METHODS.has(method)) return false;
  if (secFetchSite !== undefined) return secFetchSite !== 'same-origin' && secFetchSite !== 'none';
  if (origin === undefined) return false;
  try {
    const from = new URL(origin);
    // Our host read with the origin's scheme: lower case, and "a.example:443" equals "https://a.example".
    return new URL(`${from.protocol}//${host}`).host !== from.host;
  } catch {
    // "null" (sandboxed frames, privacy-sensitive redirects) and anything unparseable.
    return true;
  }
}

export function installCrossSiteGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const crossSite = isCrossSite({ method: request.method, secFetchSite: header('sec-fetch-site'), origin: header('origin'), host: request.host });
    done(crossSite ? new AppError('CROSS_SITE_REQUEST', 'Cross-site requests may not change anything') : undefined);
  });
}
