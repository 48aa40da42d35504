import { describe, expect, it } from 'vitest';
import { chargeAttempt, delayAfter, type ThrottlePolicy, type ThrottleState } from './throttle.js';

const policy: ThrottlePolicy = { freeFailures: 3, firstDelaySeconds: 1, maxDelaySeconds: 60, forgetAfterSeconds: 3600 };
const t0 = new Date('2026-12-04T22:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('login throttle policy', () => {
  it('gives the free failures no delay, then doubles the delay up to the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => delayAfter(n, policy))).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60]);
    expect(delayAfter(10_000, policy)).toBe(60);
  });

  it('charges an attempt outside a delay and sets the delay the new count earns', () => {
    const state: ThrottleState = { failures: 3, lastFailureAt: at(0), blockedUntil: null };
    expect(chargeAttempt(state, at(5), policy)).toEqual({ kind: 'charged', next: { failures: 4, lastFailureAt: at(5), blockedUntil: at(6) } });
    expect(chargeAttempt(undefined, at(5), policy)).toEqual({ kind: 'charged', next: { failures: 1, lastFailureAt: at(5), blockedUntil: null } });
  });

  it('refuses an attempt inside the delay without charging it, with the seconds left rounded up', () => {
    const state: ThrottleState = { failures: 6, lastFailureAt: at(0), blockedUntil: at(4) };
    expect(chargeAttempt(state, at(1.5), policy)).toEqual({ kind: 'blocked', retryAfterSeconds: 3 });
    expect(chargeAttempt(state, at(3.99), policy)).toEqual({ kind: 'blocked', retryAfterSeconds: 1 });
    expect(chargeAttempt(state, at(4), policy).kind).toBe('charged');
  });

  it('forgets the failures of a key that stayed quiet longer than the policy remembers', () => {
    const state: ThrottleState = { failures: 9, lastFailureAt: at(0), blockedUntil: at(60) };
    expect(chargeAttempt(state, at(3601), policy)).toEqual({ kind: 'charged', next: { failures: 1, lastFailureAt: at(3601), blockedUntil: null } });
    expect(chargeAttempt(state, at(3600), policy)).toMatchObject({ kind: 'charged', next: { failures: 10 } });
  });
});
