import type { Executor } from '../../../platform/db/index.js';
import { allianceSettings, shiftAt } from '../../nightteam/index.js';
import type { IncidentRow } from './store.js';

/** How far back the incident panel shows the client's earlier alarms. */
const HISTORY_DAYS = 7;
/** At most this many earlier alarms: a client who alarms every hour still fits on the panel. */
const HISTORY_LIMIT = 30;

/**
 * Repeated alarms, our choice (no norm names one): any earlier alarm in the same night, or three or more
 * earlier alarms in the week, tell the coordinator that this call is part of a pattern the day team
 * should hear about.
 */
export const isRepeated = (earlierTonight: number, earlierThisWeek: number) => earlierTonight >= 1 || earlierThisWeek >= 3;

export interface AlarmHistory {
  items: { id: string; receivedAt: Date; reason: string; urgency: string | null; status: string; outcome: string | null; tonight: boolean }[];
  repeated: boolean;
}

/** The same client's other incidents in the alliance in the week before this one, newest first. */
export async function alarmHistory(executor: Executor, incident: IncidentRow): Promise<AlarmHistory | null> {
  if (!incident.client_id) return null;
  const settings = await allianceSettings(executor, incident.alliance_id);
  const shift = shiftAt(incident.received_at, settings.time_zone, { start: settings.night_shift_start, end: settings.night_shift_end });
  // Received before its night began (a call in the evening): "tonight" holds nothing earlier.
  const tonightSince = shift.startsAt <= incident.received_at ? shift.startsAt : incident.received_at;
  const rows = await executor
    .selectFrom('incident')
    .select(['id', 'received_at', 'reason', 'urgency', 'status', 'outcome'])
    .where('alliance_id', '=', incident.alliance_id)
    .where('client_id', '=', incident.client_id)
    .where('id', '!=', incident.id)
    .where('received_at', '>=', new Date(incident.received_at.getTime() - HISTORY_DAYS * 86_400_000))
    .where('received_at', '<=', incident.received_at)
    .orderBy('received_at', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  const items = rows.map((r) => ({ id: r.id, receivedAt: r.received_at, reason: r.reason, urgency: r.urgency, status: r.status, outcome: r.outcome, tonight: r.received_at >= tonightSince }));
  return { items, repeated: isRepeated(items.filter((i) => i.tonight).length, items.length) };
}
