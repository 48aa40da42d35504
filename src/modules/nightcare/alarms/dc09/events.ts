import { parseContactId } from './contact-id.js';
import { fail, ok, type Result } from './errors.js';
import type { Dc09Message } from './frame.js';
import type { AlarmEvent, ReasonOverrides } from './reasons.js';
import { parseSiaData } from './sia-codes.js';

/** The events a message reports: Contact ID for 'ADM-CID', SIA codes for 'SIA-DCS', none for 'NULL'. */
export function decodeEvents(message: Dc09Message, overrides?: ReasonOverrides): Result<AlarmEvent[]> {
  switch (message.token) {
    case 'NULL':
      return ok([]);
    case 'ADM-CID': {
      const event = parseContactId(message.data, overrides);
      return event.ok ? ok([event.value]) : event;
    }
    case 'SIA-DCS':
      return parseSiaData(message.data, overrides);
    default:
      return fail('unsupported-token', `no event decoding for ${message.token}`);
  }
}
