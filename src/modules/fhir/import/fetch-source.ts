import type { Resource } from '../resource.js';

/** How the sync reaches the organisation's own FHIR server. */
export interface SourceConnection {
  baseUrl: string;
  auth: { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'client_credentials'; tokenUrl: string; clientId: string; clientSecret: string };
}

export type SourceErrorCode = 'unreachable' | 'auth_failed' | 'http_error' | 'not_a_bundle' | 'foreign_link' | 'too_large';

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

const TIMEOUT_MS = 20_000;
const PAGE_SIZE = 100;
/** A source that keeps sending next links is cut off rather than followed for ever. */
const MAX_PAGES = 500;
const LOCATIONS_PER_SEARCH = 50;

/** The Patients with the night summary's resources about them, in one paged search (FHIR _revinclude). */
const PATIENT_SEARCH = `Patient?_count=${PAGE_SIZE}&_revinclude=Flag:patient&_revinclude=AllergyIntolerance:patient&_revinclude=Consent:patient&_revinclude=RelatedPerson:patient`;

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new SourceError('unreachable', `${new URL(url).origin} did not answer: ${(error as Error).message}`);
  }
}

/** The Authorization header: the bearer token as configured, or one fetched with the client credentials (RFC 6749 §4.4) for this run. */
async function authorization(connection: SourceConnection): Promise<string | undefined> {
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
  });
  const body = (await response.json().catch(() => undefined)) as { access_token?: unknown } | undefined;
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
async function searchAll(connection: SourceConnection, header: string | undefined, path: string): Promise<Resource[]> {
  const origin = new URL(connection.baseUrl).origin;
  const found: Resource[] = [];
  let url: string | undefined = `${connection.baseUrl}/${path}`;
  for (let page = 0; url; page++) {
    if (page >= MAX_PAGES) throw new SourceError('too_large', `More than ${MAX_PAGES} pages`);
    const response = await request(url, { headers: { accept: 'application/fhir+json', ...(header ? { authorization: header } : {}) } });
    if (response.status === 401 || response.status === 403) throw new SourceError('auth_failed', `${path.split('?')[0] ?? ''} answered ${response.status}`);
    if (!response.ok) throw new SourceError('http_error', `${path.split('?')[0] ?? ''} answered ${response.status}`);
    const bundle = (await response.json().catch(() => undefined)) as Bundle | undefined;
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
export async function readSource(connection: SourceConnection, locationsOf: (resources: Resource[]) => string[]): Promise<Resource[]> {
  const header = await authorization(connection);
  const resources = await searchAll(connection, header, PATIENT_SEARCH);
  const ids = [...new Set(locationsOf(resources))];
  for (let i = 0; i < ids.length; i += LOCATIONS_PER_SEARCH) {
    resources.push(...(await searchAll(connection, header, `Location?_id=${ids.slice(i, i + LOCATIONS_PER_SEARCH).map(encodeURIComponent).join(',')}&_count=${PAGE_SIZE}`)));
  }
  return resources;
}
