import type { Db } from '../../../platform/db/index.js';
import { chargeAttempt, type Charge, type ThrottlePolicy } from './throttle.js';

/**
 * Charges one attempt to a key under a row lock, so concurrent attempts on any instance are counted one
 * after the other and none slips past a delay another has just set.
 */
export function charge(db: Db, key: string, policy: ThrottlePolicy, now: Date): Promise<Charge> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('login_throttle').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
    const result = chargeAttempt(row && { failures: row.failures, lastFailureAt: row.last_failure_at, blockedUntil: row.blocked_until }, now, policy);
    if (result.kind === 'blocked') return result;
    const values = { failures: result.next.failures, last_failure_at: result.next.lastFailureAt, blocked_until: result.next.blockedUntil };
    // A first attempt that raced another first attempt for the same key adds to the row that won.
    await tx
      .insertInto('login_throttle')
      .values({ key, ...values })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          failures: row ? values.failures : eb('login_throttle.failures', '+', 1),
          last_failure_at: values.last_failure_at,
          blocked_until: values.blocked_until,
        })),
      )
      .execute();
    return result;
  });
}

/** Takes back a charge that turned out to be a correct password, with the delay that charge set. */
export async function refund(db: Db, key: string, charged: Charge): Promise<void> {
  if (charged.kind !== 'charged') return;
  const setByCharge = charged.next.blockedUntil;
  await db
    .updateTable('login_throttle')
    .set((eb) => ({
      failures: eb.fn('greatest', [eb('failures', '-', 1), eb.lit(0)]),
      blocked_until: setByCharge ? eb.case().when('blocked_until', '=', setByCharge).then(null).else(eb.ref('blocked_until')).end() : eb.ref('blocked_until'),
    }))
    .where('key', '=', key)
    .execute();
}

/** A full login forgets the account's failures. */
export const forget = (db: Db, key: string) => db.deleteFrom('login_throttle').where('key', '=', key).execute();

/** Removes keys that are neither delayed nor remembered any more; safe on every instance. */
export const pruneThrottle = (db: Db, forgetAfterSeconds: number, now = new Date()) =>
  db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', new Date(now.getTime() - forgetAfterSeconds * 1000))
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .execute();
