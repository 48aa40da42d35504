import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiJson } from '../../web/src/api/types.js';
import { apiKey, apiUrl, type ApiParams, type ApiResult, type useApi } from '../../web/src/api/use-api.js';

describe('the web data layer', () => {
  it('fills path parameters in, encoded, and sends only the query values that are filled in', () => {
    expect(apiUrl('GET /api/clients/{id}', { path: { id: 'a b/c' } })).toBe('/api/clients/a%20b%2Fc');
    expect(apiUrl('GET /api/audit', { query: { userId: '', limit: 50, outcome: undefined, action: 'read' } })).toBe('/api/audit?limit=50&action=read');
    expect(apiUrl('GET /api/nightcare/incidents')).toBe('/api/nightcare/incidents');
  });

  it('keys a route with its parameters under the bare route, so a live event can invalidate one incident or all', () => {
    expect(apiKey('GET /api/nightcare/incidents/{id}', { path: { id: 'x' } })).toEqual(['GET /api/nightcare/incidents/{id}', { path: { id: 'x' } }]);
    expect(apiKey('GET /api/nightcare/incidents/{id}')).toEqual(['GET /api/nightcare/incidents/{id}']);
  });

  it('lets the route fix the answer type and demand its path parameters', () => {
    expectTypeOf<ReturnType<typeof useApi<'GET /api/nightcare/duty'>>>().toEqualTypeOf<ApiResult<ApiJson<'GET /api/nightcare/duty'>>>();
    expectTypeOf<ApiParams<'GET /api/clients/{id}'>>().toHaveProperty('path').toEqualTypeOf<{ id: string }>();
    // @ts-expect-error a route with a path parameter cannot be read without it
    const missing: ApiParams<'GET /api/clients/{id}'> = {};
    expect(missing).toEqual({});
  });
});
