import type { NewResource } from '../stu3/outgoing.js';

/** The source did not answer, or answered with an error: the caller falls back and says so. */
export class SourceUnavailable extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceUnavailable';
  }
}

export interface AnwSource {
  get(path: string): Promise<Record<string, unknown>>;
  post(path: string, resource: NewResource): Promise<{ location: string | null; body: Record<string, unknown> }>;
}

/** A night visit cannot wait on a slow source: a few seconds, then our copy. */
const TIMEOUT_MS = 4000;
const FHIR_JSON = 'application/fhir+json';

/**
 * A client of one organisation's ANW source (its ECD's STU3 endpoint). The bearer token comes from the
 * seam where a Nuts node issues access tokens per source (AnwOptions.sourceToken); without one, the
 * request goes without, as a source on a closed network may accept.
 */
export function anwSource(baseUrl: string, token: string | undefined): AnwSource {
  const base = baseUrl.replace(/\/+$/, '');
  const headers = { accept: FHIR_JSON, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  async function call(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new SourceUnavailable(`The source did not answer: ${(error as Error).message}`);
    }
    if (!response.ok) throw new SourceUnavailable(`The source answered ${response.status}: ${(await response.text()).slice(0, 300)}`, response.status);
    return response;
  }
  return {
    async get(path) {
      return (await (await call(path, { method: 'GET', headers })).json()) as Record<string, unknown>;
    },
    async post(path, resource) {
      const response = await call(path, { method: 'POST', headers: { ...headers, 'content-type': FHIR_JSON }, body: JSON.stringify(resource) });
      return { location: response.headers.get('location'), body: (await response.json()) as Record<string, unknown> };
    },
  };
}
