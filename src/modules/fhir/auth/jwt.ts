import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/** SMART Backend Services: the assertion is signed RS384 or ES384; nothing else (never `none`, never a shared secret). */
const ALGORITHMS = {
  RS384: { kty: 'RSA', dsaEncoding: undefined },
  // JWS carries ECDSA signatures as r||s (IEEE P1363), not DER.
  ES384: { kty: 'EC', dsaEncoding: 'ieee-p1363' as const },
} as const;
type Algorithm = keyof typeof ALGORITHMS;

/** SMART Backend Services: `exp` no more than five minutes in the future. */
export const MAX_ASSERTION_SECONDS = 300;

export interface Jwks {
  keys: (JsonWebKey & { kid?: string; alg?: string })[];
}

export type AssertionCheck = { ok: true; jti: string; expiresAt: Date } | { ok: false; reason: string };

const decodePart = (part: string | undefined): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The unverified issuer, only to find which client's keys verify the assertion. */
export const assertionIssuer = (jwt: string): string | undefined => {
  const iss = decodePart(jwt.split('.')[1])?.iss;
  return typeof iss === 'string' ? iss : undefined;
};

/**
 * Verifies a client assertion (RFC 7523 as SMART Backend Services profiles it): the signature by one
 * of the client's registered keys, `iss` and `sub` the client, `aud` the token endpoint, an `exp` in the
 * future by at most five minutes, and a `jti` (whose single use the caller enforces). Pure: the clock is given.
 */
export function verifyAssertion(jwt: string, jwks: Jwks, expected: { clientId: string; audience: string; now: Date }): AssertionCheck {
  const parts = jwt.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a compact JWS' };
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (!header || !payload) return { ok: false, reason: 'unreadable header or payload' };
  const alg = header.alg;
  if (typeof alg !== 'string' || !(alg in ALGORITHMS)) return { ok: false, reason: 'alg must be RS384 or ES384' };
  const algorithm = ALGORITHMS[alg as Algorithm];
  const candidates = jwks.keys.filter((k) => k.kty === algorithm.kty && (!k.alg || k.alg === alg) && (header.kid === undefined || k.kid === header.kid));
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2] ?? '', 'base64url');
  const verified = candidates.some((jwk) => {
    try {
      return verify('sha384', signed, { key: createPublicKey({ key: jwk, format: 'jwk' }), ...(algorithm.dsaEncoding ? { dsaEncoding: algorithm.dsaEncoding } : {}) }, signature);
    } catch {
      return false;
    }
  });
  if (!verified) return { ok: false, reason: 'signature does not verify with a registered key' };
  const now = expected.now.getTime() / 1000;
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.iss !== expected.clientId || payload.sub !== expected.clientId) return { ok: false, reason: 'iss and sub must be the client id' };
  if (!audience.includes(expected.audience)) return { ok: false, reason: 'aud must be the token endpoint' };
  if (typeof payload.exp !== 'number' || payload.exp <= now) return { ok: false, reason: 'the assertion has expired' };
  if (payload.exp > now + MAX_ASSERTION_SECONDS) return { ok: false, reason: 'exp may lie at most five minutes ahead' };
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 255) return { ok: false, reason: 'a jti is required' };
  return { ok: true, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
}
