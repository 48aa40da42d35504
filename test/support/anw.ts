import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Session } from './app.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The vendored Nuts ANW material, read in place: `../shared/standards/nuts-anw` beside the repository (or a worktree's nearest ancestor holding it). */
export function anwStandard(file: string): string {
  for (let dir = path.dirname(REPO); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'standards', 'nuts-anw', file);
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    if (path.dirname(dir) === dir) throw new Error(`nuts-anw/${file} not found beside the repository`);
  }
}

export const anwJson = <T = Record<string, unknown>>(file: string): T => JSON.parse(anwStandard(file)) as T;

/** A partner system's machine client: its key pair, and a signer of SMART Backend Services assertions. */
export interface PartnerSystem {
  clientId: string;
  token(scope: string, extra?: Record<string, string>): Promise<{ status: number; token?: string; body: Record<string, unknown> }>;
}

const TOKEN_PATH = '/fhir/R4/auth/token';

export async function registerPartnerSystem(app: FastifyInstance, admin: Session, scopes: string[]): Promise<PartnerSystem> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: 'anw-1' };
  const registered = await admin.post('/api/fhir-clients', { name: 'Partner ECD', jwks: { keys: [jwk] }, scopes });
  if (registered.statusCode !== 201) throw new Error(registered.body);
  const clientId = registered.json<{ id: string }>().id;
  const capability = (await app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json<{ rest: { security: { extension: { extension: { url: string; valueUri: string }[] }[] } }[] }>();
  const audience = capability.rest[0]?.security.extension[0]?.extension.find((e) => e.url === 'token')?.valueUri ?? '';
  return {
    clientId,
    async token(scope, extra = {}) {
      const assertion = sign(keys.privateKey, { iss: clientId, sub: clientId, aud: audience, exp: Math.floor(Date.now() / 1000) + 240, jti: randomUUID() });
      const form = { grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope, ...extra };
      const response = await app.inject({ method: 'POST', url: TOKEN_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
      const body = response.json<Record<string, unknown>>();
      return { status: response.statusCode, body, ...(typeof body.access_token === 'string' ? { token: body.access_token } : {}) };
    },
  };
}

function sign(key: KeyObject, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'ES384', typ: 'JWT', kid: 'anw-1' })}.${part(claims)}`;
  return `${input}.${createSign('sha384').update(input).sign({ key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}
