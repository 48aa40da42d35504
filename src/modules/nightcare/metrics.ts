import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../../platform/db/index.js';
import { metricsRegistry } from '../../platform/metrics/index.js';
import type { IntakeResult } from './alarms/ingest.js';
import { countOverdue } from './incidents/overdue.js';

type Channel = 'dc09' | 'webhook' | 'manual';

const received = new Counter({ name: 'samenzorg_alarms_received_total', help: 'Alarms stored, per channel (retries of a stored alarm not counted)', labelNames: ['channel'], registers: [metricsRegistry] });
const retried = new Counter({ name: 'samenzorg_alarm_retries_total', help: 'Retransmissions of an alarm already stored, acknowledged again', labelNames: ['channel'], registers: [metricsRegistry] });
const unidentified = new Counter({ name: 'samenzorg_alarms_unidentified_total', help: 'Night alarms whose account matched no client', labelNames: ['channel'], registers: [metricsRegistry] });
const technical = new Counter({ name: 'samenzorg_alarms_technical_total', help: 'Alarms that went to the technical queue (low battery, test, restore, status)', labelNames: ['channel'], registers: [metricsRegistry] });
const ackSeconds = new Histogram({
  name: 'samenzorg_alarm_ack_seconds',
  help: 'From receipt of an alarm to its commit, after which the ACK or 202 goes out',
  labelNames: ['channel'],
  // DESIGN §7: p99 under 20 ms; the buckets are fine around it.
  buckets: [0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});
const offersExpired = new Counter({ name: 'samenzorg_offers_expired_total', help: 'Offers to a nurse that lapsed unanswered and were withdrawn', registers: [metricsRegistry] });

/** Counts one message's alarms once they are committed. */
export function countIntake(channel: Channel, receivedAt: Date, results: readonly IntakeResult[]): void {
  if (channel !== 'manual') ackSeconds.observe({ channel }, Math.max(0, Date.now() - receivedAt.getTime()) / 1000);
  for (const r of results) {
    if (r.duplicate) {
      retried.inc({ channel });
      continue;
    }
    received.inc({ channel });
    if (r.queue === 'technical') technical.inc({ channel });
    else if (!r.clientLinked) unidentified.inc({ channel });
  }
}

export const countOffersExpired = (n: number): void => offersExpired.inc(n);

/**
 * The gauges read from the database at scrape time, over every alliance of the installation (counts
 * only, no client data). Per app, since each app has its own database. A scrape while the database is
 * away leaves them out rather than failing: readiness reports the database.
 */
export function nightcareGauges(db: Db): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'samenzorg_incidents_open',
    help: 'Open incidents per urgency (untriaged: none yet)',
    labelNames: ['urgency'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .selectFrom('incident')
        .select((eb) => [eb.fn.coalesce('urgency', eb.val('untriaged')).as('urgency'), eb.fn.countAll<number>().as('n')])
        .where('closed_at', 'is', null)
        .groupBy('urgency')
        .execute()
        .catch(() => []);
      for (const row of rows) this.set({ urgency: row.urgency }, Number(row.n));
    },
  });
  new Gauge({
    name: 'samenzorg_incidents_overdue',
    help: 'Open incidents past their response deadline without a nurse on site',
    registers: [registry],
    async collect() {
      this.reset();
      const n = await countOverdue(db).catch(() => undefined);
      if (n !== undefined) this.set(n);
    },
  });
  return registry;
}
