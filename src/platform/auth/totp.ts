import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Samenzorg';
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = 'user'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export const totpUri = (secretBase32: string, email: string) => totpFor(secretBase32, email).toString();

/** The 30-second time step (RFC 6238's T) of an instant. */
const totpStepAt = (timestamp: number) => Math.floor(timestamp / 1000 / PERIOD_SECONDS);

/**
 * The time step the code belongs to, or undefined when it is wrong. Accepts the current step and one
 * either side, for clock drift between phone and server; the caller must refuse a step already used.
 */
export function matchTotp(secretBase32: string, code: string, timestamp = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp, window: 1 });
  return delta === null ? undefined : totpStepAt(timestamp) + delta;
}

export const currentTotp = (secretBase32: string, timestamp = Date.now()) => totpFor(secretBase32).generate({ timestamp });
