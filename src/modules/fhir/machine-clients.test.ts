import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantAssignmentAccess, revokeAssignmentAccess } from '../../platform/access/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../../../test/support/world.js';

let t: TestApp;
let world: World;
let homeAdmin: Session;
let partnerAdmin: Session;
let partnerNurse: TestUser;
let clientA: string;
let clientB: string;
let tokenUrl: string;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid });

/** A compact JWS signed as a partner system would sign its client assertion. */
function sign(key: KeyObject, alg: 'RS384' | 'ES384', kid: string, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg, typ: 'JWT', kid })}.${part(claims)}`;
  const signature = createSign('sha384').update(input).sign(alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}

const claims = (clientId: string, overrides: Record<string, unknown> = {}) => ({ iss: clientId, sub: clientId, aud: tokenUrl, exp: Math.floor(Date.now() / 1000) + 240, jti: randomUUID(), ...overrides });

const askToken = (form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/fhir/R4/auth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

const credentials = (assertion: string, scope: string, extra: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion,
  scope,
  ...extra,
});

async function register(admin: Session, scopes: string[]): Promise<string> {
  const response = await admin.post('/api/fhir-clients', { name: 'Partner ECD', jwks: { keys: [jwk(rsa.publicKey, 'rsa-1'), jwk(ec.publicKey, 'ec-1')] }, scopes });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function tokenFor(clientId: string, scope: string, extra: Record<string, string> = {}): Promise<string> {
  const response = await askToken(credentials(sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId)), scope, extra));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ access_token: string }>().access_token;
}

const bearer = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  homeAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'home-admin'));
  partnerAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'partner-admin'));
  partnerNurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'partner-nurse');
  const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coordinator'));
  clientA = (await coordinator.post('/api/clients', validClient({ familyName: 'Machine' }))).json<{ id: string }>().id;
  clientB = (await coordinator.post('/api/clients', validClient({ familyName: 'Other' }))).json<{ id: string }>().id;
  const capability = (await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json<{ rest: { security: { extension: { extension: { url: string; valueUri: string }[] }[] } }[] }>();
  tokenUrl = capability.rest[0]!.security.extension[0]!.extension.find((e) => e.url === 'token')!.valueUri;
});

describe('machine clients (SMART Backend Services)', () => {
  it('lets only the organisation administrator register a client, with public keys only', async () => {
    const nurse = await login(t.app, partnerNurse);
    expect((await nurse.post('/api/fhir-clients', { name: 'x', jwks: { keys: [jwk(rsa.publicKey, 'k')] }, scopes: ['system/Patient.read'] })).statusCode).toBe(403);
    const privateKey = { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'private' };
    expect((await homeAdmin.post('/api/fhir-clients', { name: 'x', jwks: { keys: [privateKey] }, scopes: ['system/Patient.read'] })).statusCode).toBe(400);
    expect((await homeAdmin.post('/api/fhir-clients', { name: 'x', jwks: { keys: [jwk(rsa.publicKey, 'k')] }, scopes: ['user/Patient.write'] })).statusCode).toBe(400);
  });

  it('issues a token of minutes for an RS384 or ES384 assertion, and refuses replays, long assertions, wrong audiences, keys and algorithms', async () => {
    const clientId = await register(homeAdmin, ['system/Patient.read']);
    const assertion = sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId));
    const first = await askToken(credentials(assertion, 'system/Patient.read'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ token_type: 'bearer', scope: 'system/Patient.read' });
    expect(first.json<{ expires_in: number }>().expires_in).toBeLessThanOrEqual(300);
    expect((await askToken(credentials(assertion, 'system/Patient.read'))).json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('jti') as string });
    expect((await askToken(credentials(sign(ec.privateKey, 'ES384', 'ec-1', claims(clientId)), 'system/Patient.read'))).statusCode).toBe(200);
    const refused = [
      sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId, { exp: Math.floor(Date.now() / 1000) + 600 })),
      sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId, { exp: Math.floor(Date.now() / 1000) - 10 })),
      sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId, { aud: 'https://elsewhere.example/token' })),
      sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId, { jti: undefined })),
      sign(otherRsa.privateKey, 'RS384', 'rsa-1', claims(clientId)),
      sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId, { sub: randomUUID() })),
      `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims(clientId))).toString('base64url')}.`,
      sign(rsa.privateKey, 'RS384', 'rsa-1', claims(randomUUID())),
    ];
    for (const [index, bad] of refused.entries()) {
      const response = await askToken(credentials(bad, 'system/Patient.read'));
      expect(response.statusCode, `assertion ${index}`).toBe(401);
      expect(response.json(), `assertion ${index}`).toMatchObject({ error: 'invalid_client' });
    }
    const tooWide = await askToken(credentials(sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId)), 'system/Flag.read'));
    expect(tooWide.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('lets a system token search its own organisation by identification, within its scopes only', async () => {
    const clientId = await register(homeAdmin, ['system/Patient.read']);
    const token = await tokenFor(clientId, 'system/Patient.read');
    const found = await bearer(token, '/fhir/R4/Patient?name=Machine');
    expect(found.statusCode).toBe(200);
    expect(found.json<{ entry: { resource: { id: string } }[] }>().entry.map((e) => e.resource.id)).toEqual([clientA]);
    // A machine acting for the organisation identifies; the night summary needs a person's assignment.
    expect((await bearer(token, `/fhir/R4/Patient/${clientA}`)).statusCode).toBe(404);
    const outOfScope = await bearer(token, `/fhir/R4/Flag?patient=${clientA}`);
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    expect((await bearer('not-a-token', '/fhir/R4/Patient')).statusCode).toBe(401);
    expect((await homeAdmin.post(`/api/fhir-clients/${clientId}/revoke`)).statusCode).toBe(204);
    expect((await bearer(token, '/fhir/R4/Patient?name=Machine')).statusCode).toBe(401);
  });

  it("binds a partner's token to one assignment: that client only, only while assigned, audited as the nurse", async () => {
    const clientId = await register(partnerAdmin, ['system/Patient.read', 'system/Flag.read']);
    const expiresAt = new Date(Date.now() + 120_000);
    const grantId = await grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId: clientA, userId: partnerNurse.id, organisationId: world.partnerOrg, reference: 'visit:machine', expiresAt });
    await grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId: clientB, userId: partnerNurse.id, organisationId: world.partnerOrg, reference: 'visit:machine-b', expiresAt });
    const unassigned = await askToken(credentials(sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId)), 'system/Patient.read', { on_behalf_of: partnerNurse.id, patient: randomUUID() }));
    expect(unassigned.json()).toMatchObject({ error: 'invalid_grant' });
    const response = await askToken(credentials(sign(rsa.privateKey, 'RS384', 'rsa-1', claims(clientId)), 'system/Patient.read system/Flag.read', { on_behalf_of: partnerNurse.id, patient: clientA }));
    const { access_token: token, expires_in: expiresIn } = response.json<{ access_token: string; expires_in: number }>();
    expect(expiresIn).toBeLessThanOrEqual(120);
    const read = await bearer(token, `/fhir/R4/Patient/${clientA}`);
    expect(read.statusCode).toBe(200);
    expect((await bearer(token, `/fhir/R4/Flag?patient=${clientA}`)).json<{ entry: unknown[] }>().entry).toHaveLength(1);
    // The nurse is assigned to client B too, but this token serves the assignment on A alone.
    expect((await bearer(token, `/fhir/R4/Patient/${clientB}`)).statusCode).toBe(404);
    const entry = await t.db.selectFrom('audit_log').select(['user_id', 'user_name', 'grant_id', 'outcome', 'purpose']).where('client_id', '=', clientA).where('grant_id', '=', grantId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ user_id: partnerNurse.id, grant_id: grantId, outcome: 'allowed', purpose: 'assignment' });
    expect(entry.user_name).toContain('via Partner ECD');
    await revokeAssignmentAccess(t.db, 'visit:machine');
    expect((await bearer(token, `/fhir/R4/Patient/${clientA}`)).statusCode).toBe(404);
  });
});
