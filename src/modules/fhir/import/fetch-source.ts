import http from 'node:http';
import https from 'node:https';
import type { Resource } from '../resource.js';
import { guardedLookup, literalRefused, PrivateAddressError } from './address-guard.js';

/** How the sync reaches the organisation's own FHIR server. */
export interface SourceConnection {
  baseUrl: string;
  auth: { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'client_credentials'; tokenUrl: string; clientId: string; clientSecret: string };
}

export type SourceErrorCode = 'unreachable' | 'auth_failed' | 'http_error' | 'not_a_bundle' | 'foreign_link' | 'too_large' | 'private_address' | 'redirect' | 'timeout' | 'host_not_allowed';

/** What keeps a sync from being turned against us: which addresses it may reach, how much it reads, how long it may take. */
export interface SourceGuard {
  /** Private, loopback and link-local addresses (tests' loopback fake, a closed network): refused unless true. */
  allowPrivate: boolean;
  /** The most one response may hold. */
  maxResponseBytes: number;
  /** The most one request may take, body included. */
  requestTimeoutMs: number;
  /** When the whole run must have finished (epoch ms). */
  deadline: number;
}

/** Why the source could not be read; the run reports it and changes nothing. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

const PAGE_SIZE = 100;
/** A source that keeps sending next links is cut off rather than followed for ever. */
const MAX_PAGES = 500;
const LOCATIONS_PER_SEARCH = 50;

/** The Patients with the night summary's resources about them, in one paged search (FHIR _revinclude). */
const PATIENT_SEARCH = `Patient?_count=${PAGE_SIZE}&_revinclude=Flag:patient&_revinclude=AllergyIntolerance:patient&_revinclude=Consent:patient&_revinclude=RelatedPerson:patient`;

interface SourceResponse {
  status: number;
  ok: boolean;
  json(): unknown;
}

/**
 * One request to the source, through node's own client so that the address connected to is the address
 * checked (guardedLookup). No redirect is followed (the sync sends credentials, and a redirect could lead
 * anywhere); the body is read up to the guard's size, and the request cut off at its time.
 */
function request(url: string, init: { method?: string; headers: Record<string, string>; body?: string }, guard: SourceGuard): Promise<SourceResponse> {
  const target = new URL(url);
  if (literalRefused(target.hostname, guard.allowPrivate)) return Promise.reject(new SourceError('private_address', `${target.host} is a private, loopback or link-local address`));
  const timeoutMs = Math.min(guard.requestTimeoutMs, guard.deadline - Date.now());
  if (timeoutMs <= 0) return Promise.reject(new SourceError('timeout', 'The sync ran out of time'));
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    const fail = (error: SourceError) => {
      reject(error);
      req.destroy();
    };
    const req = client.request(target, { method: init.method ?? 'GET', headers: init.headers, lookup: guardedLookup(guard.allowPrivate) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return fail(new SourceError('redirect', `${target.origin} answered a redirect (${status}); redirects are not followed`));
      const tooLarge = () => fail(new SourceError('too_large', `${target.origin} sent more than ${guard.maxResponseBytes} bytes in one response`));
      if (Number(res.headers['content-length'] ?? 0) > guard.maxResponseBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > guard.maxResponseBytes) tooLarge();
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status, ok: status >= 200 && status < 300, json: () => parseJson(text) });
      });
    });
    const timer = setTimeout(() => fail(new SourceError('timeout', `${target.origin} did not answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof PrivateAddressError ? new SourceError('private_address', error.message) : new SourceError('unreachable', `${target.origin} did not answer: ${error.message}`));
    });
    req.end(init.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The Authorization header: the bearer token as configured, or one fetched with the client credentials (RFC 6749 §4.4) for this run. */
async function authorization(connection: SourceConnection, guard: SourceGuard): Promise<string | undefined> {
  const auth = connection.auth;
  if (auth.kind === 'none') return undefined;
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  const response = await request(auth.tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  }, guard);
  const body = response.json() as { access_token?: unknown } | undefined;
  if (!response.ok || typeof body?.access_token !== 'string') throw new SourceError('auth_failed', `The token endpoint answered ${response.status} without an access token`);
  return `Bearer ${body.access_token}`;
}

interface Bundle {
  resourceType: 'Bundle';
  link?: { relation?: string; url?: string }[];
  entry?: { resource?: Resource }[];
}

/**
 * Every page of a search, following the Bundle's next links. A next link must stay on the source's own
 * origin: the sync sends its credentials with each page, and a link elsewhere would hand them over.
 */
async function searchAll(connection: SourceConnection, guard: SourceGuard, header: string | undefined, path: string): Promise<Resource[]> {
  const origin = new URL(connection.baseUrl).origin;
  const found: Resource[] = [];
  let url: string | undefined = `${connection.baseUrl}/${path}`;
  for (let page = 0; url; page++) {
    if (page >= MAX_PAGES) throw new SourceError('too_large', `More than ${MAX_PAGES} pages`);
    const response = await request(url, { headers: { accept: 'application/fhir+json', ...(header ? { authorization: header } : {}) } }, guard);
    if (response.status === 401 || response.status === 403) throw new SourceError('auth_failed', `${path.split('?')[0] ?? ''} answered ${response.status}`);
    if (!response.ok) throw new SourceError('http_error', `${path.split('?')[0] ?? ''} answered ${response.status}`);
    const bundle = response.json() as Bundle | undefined;
    if (bundle?.resourceType !== 'Bundle') throw new SourceError('not_a_bundle', `${path.split('?')[0] ?? ''} did not answer a Bundle`);
    for (const entry of bundle.entry ?? []) if (entry.resource) found.push(entry.resource);
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (next && new URL(next, connection.baseUrl).origin !== origin) throw new SourceError('foreign_link', `A next link leads away from ${origin}`);
    url = next ? new URL(next, connection.baseUrl).toString() : undefined;
  }
  return found;
}

/**
 * Everything a sync needs from the source: its Patients with their Flags, AllergyIntolerances,
 * Consents and RelatedPersons, then the house-access Locations they name. Any failure on any page
 * fails the whole read: a list cut short would end the care of every client on the missing pages.
 */
export async function readSource(connection: SourceConnection, guard: SourceGuard, locationsOf: (resources: Resource[]) => string[]): Promise<Resource[]> {
  const header = await authorization(connection, guard);
  const resources = await searchAll(connection, guard, header, PATIENT_SEARCH);
  const ids = [...new Set(locationsOf(resources))];
  for (let i = 0; i < ids.length; i += LOCATIONS_PER_SEARCH) {
    resources.push(...(await searchAll(connection, guard, header, `Location?_id=${ids.slice(i, i + LOCATIONS_PER_SEARCH).map(encodeURIComponent).join(',')}&_count=${PAGE_SIZE}`)));
  }
  return resources;
}
