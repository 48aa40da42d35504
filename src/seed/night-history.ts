import { fromZonedTime } from 'date-fns-tz';
import type { Db, Executor } from '../platform/db/index.js';
import { seededRandom } from './demo-data.js';

/** About three months of nights, so KPIs, the cost statement and the handovers are not empty on first start. */
export const HISTORY_NIGHTS = 90;
/** Every generated row says so: in a triage note, an event detail or a visit report. */
export const GENERATED = 'Gegenereerde demo-geschiedenis';
const ROWS_PER_INSERT = 1000;

const REASONS = ['fall', 'fall', 'personal_emergency', 'personal_emergency', 'inactivity', 'pain', 'breathlessness', 'confusion', 'catheter_problem', 'toileting', 'anxiety'] as const;
const URGENCY: Record<(typeof REASONS)[number], 'U1' | 'U2' | 'U3' | 'U4'> = {
  fall: 'U2', personal_emergency: 'U2', inactivity: 'U2', pain: 'U3', breathlessness: 'U1', confusion: 'U3', catheter_problem: 'U3', toileting: 'U4', anxiety: 'U4',
};
const ACTIONS = ['Cliënt van de vloer geholpen', 'Vitale functies gecontroleerd', 'Gerustgesteld', 'Incontinentiemateriaal verschoond', 'Katheter gespoeld', 'Pijnmedicatie volgens voorschrift'];
const SKILLS = [['lifting'], ['catheter_care', 'injections'], ['palliative', 'wound_care'], ['lifting', 'wound_care']];

interface HistoryInput {
  allianceId: string;
  timeZone: string;
  /** The night team's nurses with their organisation. */
  nurses: { userId: string; organisationId: string }[];
  coordinatorId: string;
  /** Each care organisation's day coordinator, who acknowledges its handover in the morning. */
  dayCoordinators: Map<string, string>;
}

/** Rows of several tables, built here and typed by the table they go into at insert time. */
type Row = Record<string, unknown>;

const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

async function insertChunked(db: Executor, table: 'incident' | 'incident_event' | 'visit_report' | 'nurse_duty' | 'handover', rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insertInto(table).values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
}

/**
 * Generated history of the last HISTORY_NIGHTS nights, written in bulk (a few thousand rows in a
 * handful of statements) rather than through the HTTP lifecycle, which would take minutes: each
 * incident walks the real lifecycle (received, triaged, assigned, accepted, en route, on site, then
 * completed, cancelled or escalated) with an event and timestamp per step, nurses are on duty each
 * night, and each home organisation's handover is acknowledged the next morning. No access grants are
 * made: the nights are over. Deterministic: the same history on every machine for the same day.
 */
export async function seedNightHistory(db: Db, input: HistoryInput, today = new Date()): Promise<{ incidents: number }> {
  const random = seededRandom(90);
  const clients = await db
    .selectFrom('client')
    .select(['id', 'organisation_id', 'latitude', 'longitude'])
    .where('alliance_id', '=', input.allianceId)
    .where('personal_alarm', '=', true)
    .orderBy('id')
    .execute();
  if (clients.length === 0 || input.nurses.length === 0) return { incidents: 0 };
  const duties: Row[] = [];
  const incidents: Row[] = [];
  const events: Row[] = [];
  const reports: Row[] = [];
  const handovers: Row[] = [];
  for (let n = HISTORY_NIGHTS; n >= 1; n--) {
    const day = new Date(`${today.toISOString().slice(0, 10)}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() - n);
    const date = day.toISOString().slice(0, 10);
    const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
    // Wall-clock times in the alliance's zone: a DST night is simply an hour shorter or longer.
    const shiftStart = fromZonedTime(`${date}T23:00:00`, input.timeZone);
    const shiftEnd = fromZonedTime(`${next}T07:00:00`, input.timeZone);
    const onDuty = input.nurses.filter((_, i) => (i + n) % 2 === 0 || input.nurses.length < 3);
    onDuty.forEach((nurse, i) => {
      duties.push({ alliance_id: input.allianceId, user_id: nurse.userId, organisation_id: nurse.organisationId, starts_at: shiftStart, ends_at: shiftEnd, skills: SKILLS[i % SKILLS.length] ?? [] });
    });
    const homes = new Set<string>();
    const count = 3 + Math.floor(random() * 7);
    for (let k = 0; k < count; k++) {
      const client = clients[Math.floor(random() * clients.length)];
      const nurse = onDuty[Math.floor(random() * onDuty.length)];
      if (!client || !nurse) continue;
      const reason = REASONS[Math.floor(random() * REASONS.length)] ?? 'fall';
      const received = minutes(shiftStart, Math.floor(random() * 420));
      const roll = random();
      const end = roll < 0.85 ? 'completed' : roll < 0.95 ? 'cancelled' : 'escalated';
      const id = crypto.randomUUID();
      const triaged = minutes(received, 1 + Math.floor(random() * 3));
      const assigned = minutes(triaged, 1);
      const accepted = minutes(assigned, 1 + Math.floor(random() * 2));
      const enRoute = minutes(accepted, 1);
      const onSite = minutes(enRoute, 8 + Math.floor(random() * 30));
      const onSiteMinutes = 10 + Math.floor(random() * 40);
      const closed = end === 'cancelled' ? minutes(triaged, 3) : minutes(onSite, onSiteMinutes);
      const reached = end === 'cancelled' ? ['received', 'triaged'] : ['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site'];
      const at: Record<string, Date> = { received, triaged, assigned, accepted, en_route: enRoute, on_site: onSite };
      incidents.push({
        id, alliance_id: input.allianceId, client_id: client.id, organisation_id: client.organisation_id, status: end, reason, urgency: URGENCY[reason], triage_note: GENERATED,
        latitude: client.latitude, longitude: client.longitude, assigned_user_id: end === 'cancelled' ? null : nurse.userId, assigned_organisation_id: end === 'cancelled' ? null : nurse.organisationId,
        outcome: end === 'completed' ? 'completed' : end === 'cancelled' ? 'resolved_by_phone' : 'escalated_112', received_at: received, on_site_at: end === 'cancelled' ? null : onSite, closed_at: closed, version: reached.length + 1,
      });
      reached.forEach((status, i) => {
        const actor = status === 'accepted' || status === 'en_route' || status === 'on_site' ? nurse.userId : status === 'received' ? null : input.coordinatorId;
        events.push({ incident_id: id, at: at[status], type: status, from_status: reached[i - 1] ?? null, to_status: status, actor_user_id: actor, details: JSON.stringify({ generated: true }) });
      });
      const last = reached[reached.length - 1];
      events.push({ incident_id: id, at: closed, type: end, from_status: last, to_status: end, actor_user_id: end === 'completed' ? nurse.userId : input.coordinatorId, details: JSON.stringify({ generated: true }) });
      if (end === 'completed') {
        reports.push({ incident_id: id, actions: [ACTIONS[Math.floor(random() * ACTIONS.length)] ?? ''], minutes_on_site: onSiteMinutes, follow_up_needed: random() < 0.3, follow_up: null, notes: GENERATED, written_by: nurse.userId, written_at: closed });
      }
      homes.add(client.organisation_id);
    }
    for (const organisationId of homes) {
      const acknowledgedBy = input.dayCoordinators.get(organisationId) ?? null;
      handovers.push({
        alliance_id: input.allianceId, organisation_id: organisationId, shift_start: shiftStart, shift_end: shiftEnd, created_at: shiftEnd,
        acknowledged_by: acknowledgedBy, acknowledged_at: acknowledgedBy ? minutes(shiftEnd, 60 + Math.floor(random() * 90)) : null,
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'nurse_duty', duties);
    await insertChunked(trx, 'incident', incidents);
    await insertChunked(trx, 'incident_event', events);
    await insertChunked(trx, 'visit_report', reports);
    await insertChunked(trx, 'handover', handovers);
  });
  return { incidents: incidents.length };
}
