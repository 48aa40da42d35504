import { fail, ok, type Result } from './errors.js';
import type { AlarmEvent, AlarmReason, EventQualifier, ReasonOverrides } from './reasons.js';

/**
 * SIA DC-03 event data in a DC-09 "SIA-DCS" data field, e.g. 'Nri1/MA001', 'NFA129', 'Nri0KR1^TEXT^',
 * 'NRR|Atest'. 'N' marks new data; lower-case modifiers (ri area, ti time, id user, pi peripheral) precede
 * two-letter event codes, each followed by a zone/point number; '/' separates blocks; '^...^' and a
 * trailing '|A...' carry text.
 */
export function parseSiaData(data: string, overrides?: ReasonOverrides): Result<AlarmEvent[]> {
  const [main = '', ...textParts] = data.split('|A');
  const trailingText = textParts.length > 0 ? textParts.join('|A') : undefined;
  const body = /^N(?=[a-z]|[A-Z]{2})/.test(main) ? main.slice(1) : main;
  const events: AlarmEvent[] = [];
  let partition: string | undefined;
  for (const block of body.split('/')) {
    let rest = block;
    while (rest.length > 0) {
      const modifier = /^([a-z]{2})([0-9:]*)/.exec(rest);
      const event = /^([A-Z]{2})([0-9]*)/.exec(rest);
      const text = /^\^([^^]*)\^?/.exec(rest);
      if (modifier) {
        if (modifier[1] === 'ri') partition = modifier[2];
        rest = rest.slice(modifier[0].length);
      } else if (event) {
        events.push(siaEvent(event[1] ?? '', event[2], partition, overrides));
        rest = rest.slice(event[0].length);
      } else if (text && events.length > 0) {
        events[events.length - 1] = { ...(events[events.length - 1] as AlarmEvent), text: (text[1] ?? '').trim() };
        rest = rest.slice(text[0].length);
      } else {
        return fail('body', `unexpected SIA data at ${JSON.stringify(rest.slice(0, 20))}`);
      }
    }
  }
  if (events.length === 0) return fail('body', 'SIA data holds no event code');
  if (trailingText !== undefined) {
    events[events.length - 1] = { ...(events[events.length - 1] as AlarmEvent), text: trailingText };
  }
  return ok(events);
}

function siaEvent(code: string, zone: string | undefined, partition: string | undefined, overrides?: ReasonOverrides): AlarmEvent {
  return {
    scheme: 'sia',
    code,
    qualifier: siaQualifier(code),
    reason: siaReason(code, overrides),
    ...(zone && { zone }),
    ...(partition && { partition }),
  };
}

/**
 * SIA code → reason, from the SIA DC-03 code list (as tabulated in pysiaalarm's sia_codes.json and its
 * Contact ID ↔ SIA mapping: 100 ↔ MA/MH, 101 ↔ QA/QH, 302 ↔ YT/YR, 601 ↔ RX, 602 ↔ RP, 654 ↔ NA).
 */
const REASONS: Readonly<Record<string, AlarmReason>> = {
  MA: 'personal_emergency', // medical alarm
  MH: 'personal_emergency', // medical alarm restore
  MR: 'personal_emergency', // medical restoral
  QA: 'personal_emergency', // emergency alarm
  QH: 'personal_emergency',
  QR: 'personal_emergency',
  PA: 'personal_emergency', // panic alarm
  PH: 'personal_emergency',
  PR: 'personal_emergency',
  HA: 'personal_emergency', // hold-up / duress
  HH: 'personal_emergency',
  FA: 'fire_smoke', // fire alarm
  FH: 'fire_smoke',
  FR: 'fire_smoke',
  KA: 'fire_smoke', // heat alarm
  KH: 'fire_smoke',
  GA: 'fire_smoke', // gas alarm (gas and CO treated as a home hazard like fire)
  GH: 'fire_smoke',
  NA: 'inactivity', // no activity
  YT: 'low_battery', // system battery trouble
  YR: 'low_battery', // system battery restoral
  YM: 'low_battery', // system battery missing
  XT: 'low_battery', // transmitter battery trouble
  XR: 'low_battery', // transmitter battery restoral
  RP: 'test', // automatic test
  RX: 'test', // manual test
  RY: 'test', // test off normal
  TX: 'test', // test report
  MT: 'technical', // medical trouble
  MJ: 'technical', // medical trouble restore
  FT: 'technical', // fire trouble
  FJ: 'technical',
  AT: 'technical', // AC trouble
  AR: 'technical', // AC restoral
  LT: 'technical', // phone line trouble
  LR: 'technical',
  YC: 'technical', // communications fail
  YK: 'technical',
  YX: 'technical', // service required
  YZ: 'technical',
  ET: 'technical', // expansion trouble
  ER: 'technical',
  XQ: 'technical', // RF interference
  XH: 'technical',
  TA: 'technical', // tamper
  TR: 'technical',
};

export function siaReason(code: string, overrides?: ReasonOverrides): AlarmReason {
  return overrides?.[code] ?? REASONS[code] ?? 'other';
}

/** SIA codes whose second letter is R but that are not restores: recent close, disarm from alarm, power up. */
const NOT_RESTORE = new Set(['CR', 'OR', 'RR']);

/** The second letter names the state: H alarm restore, R restoral, J trouble restore, U unbypass. */
export function siaQualifier(code: string): EventQualifier {
  if (NOT_RESTORE.has(code)) return 'new';
  return /^[A-Z][HRJU]$/.test(code) ? 'restore' : 'new';
}
