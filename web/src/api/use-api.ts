import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, get } from './client.js';
import type { paths } from './openapi.js';
import type { ApiJson, Route } from './types.js';

/** Every readable route, spelled as in the API docs: `GET /api/clients/{id}`. */
export type GetRoute = Extract<Route, `GET ${string}`>;

type Operation<R extends GetRoute> = R extends `GET ${infer P extends keyof paths}` ? Exclude<paths[P]['get'], undefined> : never;
type Parameters_<R extends GetRoute> = Operation<R> extends { parameters: infer Ps } ? Ps : never;

type Query<R extends GetRoute> = Parameters_<R> extends { query?: infer Q } ? ([Q] extends [never] ? never : NonNullable<Q>) : never;

/**
 * The path and query parameters the route documents, with the server's own optionality. A query value
 * may also be any string, as a filter typed into a form or read from the address bar is: the server
 * validates it and answers with field errors.
 */
export type ApiParams<R extends GetRoute> = Pick<Parameters_<R>, Extract<'path', keyof Parameters_<R>>> &
  ([Query<R>] extends [never] ? { query?: never } : { query?: { [K in keyof Query<R>]?: Query<R>[K] | string } });

/** A route's answer as a screen shows it; an error may come with the last good answer, which stays on screen. */
export type ApiState<T> =
  | { state: 'idle'; data: undefined; error: undefined }
  | { state: 'loading'; data: undefined; error: undefined }
  | { state: 'ok'; data: T; error: undefined }
  | { state: 'error'; data: T | undefined; error: ApiError };

export type ApiResult<T> = ApiState<T> & {
  /** Nothing to show yet: the first answer for these parameters has not come. */
  loading: boolean;
  /** A transient failure is being retried (or waits for the network). */
  reconnecting: boolean;
  reload: () => void;
};

/** The cache key of a route with its parameters: a live event invalidates exactly these. */
export const apiKey = <R extends GetRoute>(route: R, params?: ApiParams<R>): QueryKey => (params ? [route, params] : [route]);

/** The URL of a route with its path parameters filled in and the given query values. */
export function apiUrl(route: GetRoute, params: { path?: Record<string, string>; query?: Record<string, string | number | boolean | null | undefined> } = {}): string {
  let path = route.slice('GET '.length);
  for (const [name, value] of Object.entries(params.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'NETWORK', String(error)));

type Args<R extends GetRoute> = object extends ApiParams<R> ? [params?: ApiParams<R> | null] : [params: ApiParams<R> | null];

/**
 * Reads a route through the app's one query client. The route fixes the answer's type (from the
 * generated OpenAPI document), so no caller names a response type. `null` parameters: nothing to load yet.
 */
export function useApi<R extends GetRoute>(route: R, ...[params]: Args<R>): ApiResult<ApiJson<R>> {
  const enabled = params !== null;
  const query = useQuery({
    queryKey: apiKey(route, params ?? undefined),
    queryFn: ({ signal }) => get<ApiJson<R>>(apiUrl(route, (params ?? {}) as Parameters<typeof apiUrl>[1]), signal),
    enabled,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const reconnecting = query.failureCount > 0 && query.fetchStatus !== 'idle';
  const common = { reload, reconnecting, loading: enabled && query.status === 'pending' };
  if (!enabled) return { state: 'idle', data: undefined, error: undefined, ...common };
  if (query.status === 'pending') return { state: 'loading', data: undefined, error: undefined, ...common };
  if (query.status === 'error') return { state: 'error', data: query.data, error: asApiError(query.error), ...common };
  return { state: 'ok', data: query.data, error: undefined, ...common };
}

/** Marks a route's answers stale so open screens refetch them; without parameters, for every parameter set. */
export function useInvalidate(): <R extends GetRoute>(route: R, params?: ApiParams<R>) => void {
  const client = useQueryClient();
  return useCallback((route, params) => void client.invalidateQueries({ queryKey: apiKey(route, params) }), [client]);
}
