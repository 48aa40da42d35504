import { fail, ok, type Result } from './errors.js';
import type { AlarmEvent, AlarmReason, EventQualifier, ReasonOverrides } from './reasons.js';

/**
 * Ademco Contact ID (SIA DC-05) event in a DC-09 "ADM-CID" data field: Q EEE GG ZZZ, e.g. '1101 01 001'
 * (qualifier, event code, group/partition, zone or user). The qualifier is 1 new event/opening,
 * 3 restore/closing, 6 previously reported condition still present; 'E' and 'R' are accepted for 1 and 3.
 * Codes are hex digits (0-9, B-F) in the standard, so we keep them as strings.
 */
const PATTERN = /^([136ER])([0-9A-F]{3}) ?([0-9A-F]{2}) ?([0-9A-F]{3})$/;

export function parseContactId(data: string, overrides?: ReasonOverrides): Result<AlarmEvent> {
  const m = PATTERN.exec(data.trim().toUpperCase());
  if (!m) return fail('body', `not a Contact ID event (Q EEE GG ZZZ): ${JSON.stringify(data.slice(0, 40))}`);
  const [, q, code = '', partition = '', zone = ''] = m;
  return ok({
    scheme: 'contact-id',
    code,
    qualifier: qualifierOf(q ?? ''),
    reason: contactIdReason(code, overrides),
    partition,
    zone,
  });
}

function qualifierOf(q: string): EventQualifier {
  if (q === '3' || q === 'R') return 'restore';
  if (q === '6') return 'status';
  return 'new';
}

/** Builds the data text for an ADM-CID frame: '1101 01 001'. */
export function formatContactId(event: { qualifier: EventQualifier; code: string; partition?: string; zone?: string }): string {
  const q = event.qualifier === 'restore' ? '3' : event.qualifier === 'status' ? '6' : '1';
  return `${q}${event.code} ${(event.partition ?? '00').padStart(2, '0')} ${(event.zone ?? '000').padStart(3, '0')}`;
}

/**
 * Contact ID code → reason. Sources: the SIA DC-05 / Ademco Contact ID code table (100 medical,
 * 101 personal emergency, 102 fail to report in, 11x fire, 12x panic, 3xx trouble, 6xx test and
 * miscellaneous) and PERS vendor manuals (Climax: 102 inactivity after a fall, 120 fall, 641 inactivity).
 * Contact ID has no standard fall code: vendors reuse 120 (panic) or 101; use `overrides` per device
 * type, e.g. CLIMAX_PERS_OVERRIDES.
 */
const EXACT: Readonly<Record<string, AlarmReason>> = {
  '100': 'personal_emergency', // medical
  '101': 'personal_emergency', // personal emergency (pendant)
  '102': 'inactivity', // fail to report in; PERS devices send it for no movement
  '151': 'fire_smoke', // gas detected: treated as a home hazard like fire
  '162': 'fire_smoke', // carbon monoxide detected
  '147': 'technical', // sensor supervision failure
  '302': 'low_battery', // low system battery
  '309': 'low_battery', // battery test failure
  '311': 'low_battery', // battery missing/dead
  '338': 'low_battery', // expansion module low battery
  '384': 'low_battery', // RF transmitter low battery
  '601': 'test', // manual trigger test
  '602': 'test', // periodic test report
  '603': 'test', // periodic RF transmission
  '604': 'test', // fire test
  '607': 'test', // walk test mode
  '608': 'test', // periodic test, system trouble present
  '611': 'test', // point tested OK
  '641': 'inactivity', // senior watch trouble
  '654': 'inactivity', // system inactivity
};

/** Climax Technology PERS units report a detected fall as 120 (their manual, "Contact ID Event Codes"). */
export const CLIMAX_PERS_OVERRIDES: ReasonOverrides = { '120': 'fall' };

export function contactIdReason(code: string, overrides?: ReasonOverrides): AlarmReason {
  const upper = code.toUpperCase();
  const chosen = overrides?.[upper] ?? EXACT[upper];
  if (chosen) return chosen;
  const group = upper.slice(0, 2);
  if (group === '10') return 'personal_emergency'; // 10x medical alarms
  if (group === '11') return 'fire_smoke'; // 11x fire alarms
  if (group === '12') return 'personal_emergency'; // 12x panic / duress: a person calls for help
  if (upper[0] === '2' || upper[0] === '3' || upper[0] === '5') return 'technical'; // supervisory, trouble, disables
  return 'other';
}
