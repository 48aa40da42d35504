/** One field problem as the server reports it: a dotted path, a stable code and an English message. */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** A failed API call: the HTTP status and the server's stable error code (translated in the UI). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired when the server no longer knows the session, so the shell can show the login page. */
export const SIGNED_OUT_EVENT = 'sz:signed-out';

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown; details?: unknown };
}

/** Turns any answer body into an ApiError; bodies that are not ours still give a usable code. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as ErrorBody | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const fields = Array.isArray(error?.fields) ? (error.fields as FieldProblem[]) : [];
  return new ApiError(status, code, message, fields, error?.details);
}

export function announceIfSignedOut(url: string, error: ApiError): void {
  if (error.status === 401 && error.code === 'UNAUTHENTICATED' && !url.endsWith('/auth/login')) {
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON over fetch with the session cookie; rejects with ApiError for every non-2xx answer. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, signal?: AbortSignal, extraHeaders: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  const data = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, data);
    announceIfSignedOut(url, error);
    throw error;
  }
  return data as T;
}

export const get = <T>(url: string, signal?: AbortSignal) => api<T>('GET', url, undefined, signal);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
/** A step the server applies once per key, however often it is sent (a retry, an offline queue). */
export const postIdempotent = <T>(url: string, body: unknown, key: string) => api<T>('POST', url, body, undefined, { 'idempotency-key': key });
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const del = (url: string) => api<undefined>('DELETE', url);

/** Builds a query string from the filled-in values only. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
