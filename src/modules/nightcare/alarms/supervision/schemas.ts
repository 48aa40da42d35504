import { z } from 'zod';
import { ALARM_ACCOUNT_PATTERN } from '../keys.js';

const allianceId = z.uuid().optional().describe('Default: the caller’s first alliance');
const kind = z.enum(['dc09', 'webhook']).describe('dc09: a transmitter by its account; webhook: an alarm centre by its organisation');

export const supervisionQuery = z.object({ allianceId });
const account = z.string().trim().regex(ALARM_ACCOUNT_PATTERN, 'A DC-09 account is 3 to 16 hexadecimal characters').describe('DC-09 account (#acct); stored in upper case');
export const accountParams = z.object({ account });

/** Up to 31 days: a device tested less often than monthly is not supervised in any useful sense. */
export const accountIntervalBody = z.object({
  allianceId,
  account,
  testIntervalMinutes: z.number().int().min(1).max(44_640).nullable().describe('Expected test interval in minutes; null: the device-type default'),
});
export const alarmCentreIntervalBody = z.object({
  allianceId,
  organisationId: z.uuid().describe('The alarm centre (an organisation of kind alarm_centre in the alliance)'),
  testIntervalMinutes: accountIntervalBody.shape.testIntervalMinutes,
});
export const intakeSettingsBody = z.object({
  allianceId,
  intakeSilenceMinutes: z.number().int().min(5).max(720).describe('Minutes without any frame or webhook during the night shift before the board warns'),
});

export const supervisedSourceOut = z.object({
  kind,
  source: z.string().describe('The DC-09 account or the alarm centre’s organisation id'),
  name: z.string().nullable().describe('The alarm centre’s name; null for a DC-09 account'),
  lastSeenAt: z.date().nullable().describe('When it last sent anything (an alarm, a test or a link test); null if never'),
  testIntervalMinutes: z.number().int().nullable().describe('Its own interval; null when the device-type default applies'),
  intervalMinutes: z.number().int().describe('The interval in force'),
  silentSince: z.date().nullable().describe('Reported silent (a "device silent" alarm stands) since this last sign of life; null while it speaks'),
});

export const supervisionOut = z.object({
  allianceId: z.string(),
  intakeSilenceMinutes: z.number().int(),
  defaults: z.object({ dc09: z.number().int(), webhook: z.number().int() }).describe('Test interval per device type in minutes (our choice: 24 h)'),
  silentAfterIntervals: z.number().int().describe('A source is silent after this many intervals without a word'),
  sources: z.array(supervisedSourceOut).describe('Silent sources first; at most 500'),
});

export const intakeStatusOut = z.object({
  intakeSilence: z
    .object({ quietSince: z.date(), raisedAt: z.date(), minutes: z.number().int() })
    .nullable()
    .describe('Standing while no frame or webhook has arrived for `minutes` during the night shift'),
});
