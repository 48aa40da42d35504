import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../support/app.js';
import { addUser, createWorld } from '../support/world.js';

let t: TestApp;
let sessions: Session[] = [];
let writeRoutes: { method: string; url: string }[] = [];
let readRoutes: string[] = [];

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}

beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db);
  const admin = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin', 'organisation_admin', 'coordinator', 'nurse'], 'all-roles');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: admin.id, organisationId: world.homeOrg });
  sessions = [await login(t.app, admin)];
  const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>();
  writeRoutes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['post', 'put', 'patch'].includes(m))
      .filter((m) => !(path.startsWith('/api/auth/') && m === 'post' && path.endsWith('/login')))
      .map((method) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000') })),
  );
  // Streams never end; the docs pages are not ours to test.
  readRoutes = Object.entries(spec.paths)
    .filter(([path, methods]) => 'get' in methods && !path.endsWith('/stream') && !path.startsWith('/api/docs'))
    .map(([path]) => path);
});

describe('the OpenAPI document', () => {
  it('describes the API from the zod schemas', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/clients', '/api/clients/{id}/night-summary', '/api/auth/login', '/api/nightcare/alarms']));
    const create = spec.paths['/api/clients']?.post as { requestBody?: { content?: Record<string, { schema?: { required?: string[] } }> } };
    expect(create.requestBody?.content?.['application/json']?.schema?.required).toEqual(expect.arrayContaining(['givenName', 'familyName', 'dateOfBirth']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('every write route', () => {
  it('answers garbage with a 4xx and a JSON error code, never a 500', async () => {
    expect(writeRoutes.length).toBeGreaterThan(20);
    const session = sessions[0]!;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeRoutes), fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), fc.object({ stringUnit: 'binary' })), async (route, body) => {
        const response = await t.app.inject({ method: route.method as 'POST', url: route.url, headers: { cookie: session.cookie, 'content-type': 'application/json', 'idempotency-key': 'garbage-key-1' }, payload: JSON.stringify(body) });
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(body)} → ${response.body}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('answers an empty body on each write route with 4xx field messages where a body is expected', async () => {
    for (const route of writeRoutes) {
      const response = await t.app.inject({ method: route.method as 'POST', url: route.url, headers: { cookie: sessions[0]!.cookie, 'content-type': 'application/json' }, payload: '{}' });
      expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
    }
  });
});

describe('every read route', () => {
  it('answers odd path parameters and query strings with a 4xx or a 200, never a 500', async () => {
    expect(readRoutes.length).toBeGreaterThan(15);
    // Any code point, NUL and lone surrogates included: PostgreSQL refuses NUL in text.
    const oddValue = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('-1', '1e309', 'null', '2026-02-30', '../..', '%00', '\u0000', 'x'.repeat(300)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...readRoutes), oddValue, fc.dictionary(fc.constantFrom('q', 'limit', 'night', 'from', 'to', 'month', 'status', 'scope', 'before', 'dateOfBirth', 'action', 'purpose', 'postcode', 'alarmAccount'), fc.string({ unit: 'binary' })), async (path, param, query) => {
        const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(param)) + '?' + new URLSearchParams(query).toString();
        const response = await t.app.inject({ method: 'GET', url, headers: { cookie: sessions[0]!.cookie } });
        expect(response.statusCode, `GET ${url} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
