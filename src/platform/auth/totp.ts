import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Samenzorg';

function totpFor(secretBase32: string, label = 'user'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export const totpUri = (secretBase32: string, email: string) => totpFor(secretBase32, email).toString();

/** Accepts the current code and one period either side, for clock drift between phone and server. */
export function verifyTotp(secretBase32: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32).validate({ token: code, window: 1 }) !== null;
}

export const currentTotp = (secretBase32: string) => totpFor(secretBase32).generate();
