/**
 * Failed-login throttling as a pure decision (OWASP Authentication Cheat Sheet, "Login Throttling"):
 * a few failures are free, then each one makes the next attempt wait, doubling up to a ceiling. There is
 * no lock-out and no CAPTCHA: at the ceiling the key is merely slow, and a quiet hour forgets it.
 */
export interface ThrottlePolicy {
  /** Failures before any delay. */
  freeFailures: number;
  /** The delay after the first failure beyond the free ones; it doubles with each further failure. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key without failures for this long starts counting from zero again. */
  forgetAfterSeconds: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

export type Charge = { kind: 'blocked'; retryAfterSeconds: number } | { kind: 'charged'; next: ThrottleState };

/** Seconds to wait after the given number of failures in a row. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  const beyond = failures - policy.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** Math.min(beyond - 1, 30));
}

/**
 * An attempt is charged as a failure before it is checked, so parallel attempts cannot all slip in
 * before the first failure is written; a correct one is refunded afterwards. An attempt inside the
 * delay is refused and not charged: it was never checked, so it proves nothing.
 */
export function chargeAttempt(state: ThrottleState | undefined, now: Date, policy: ThrottlePolicy): Charge {
  if (state?.blockedUntil && state.blockedUntil > now) {
    return { kind: 'blocked', retryAfterSeconds: Math.max(1, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000)) };
  }
  const forgotten = !state || now.getTime() - state.lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000;
  const failures = forgotten ? 1 : state.failures + 1;
  const delay = delayAfter(failures, policy);
  return { kind: 'charged', next: { failures, lastFailureAt: now, blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null } };
}

/** Per account (the e-mail as typed, known or not) and per source address; the source allows more for shared office addresses. */
export interface LoginThrottles {
  account: ThrottlePolicy;
  source: ThrottlePolicy;
}

export const defaultThrottles = (accountFreeFailures = 5, sourceFreeFailures = 30): LoginThrottles => ({
  account: { freeFailures: accountFreeFailures, firstDelaySeconds: 1, maxDelaySeconds: 300, forgetAfterSeconds: 3600 },
  source: { freeFailures: sourceFreeFailures, firstDelaySeconds: 1, maxDelaySeconds: 300, forgetAfterSeconds: 3600 },
});
