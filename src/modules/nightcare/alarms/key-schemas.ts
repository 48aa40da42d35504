import { z } from 'zod';
import { ALARM_ACCOUNT_PATTERN, ALARM_KEY_PATTERN } from './keys.js';

const account = z.string().trim().regex(ALARM_ACCOUNT_PATTERN, 'A DC-09 account is 3 to 16 hexadecimal characters').describe('DC-09 account (#acct), 3–16 hex characters; stored in upper case');
const allianceId = z.uuid().optional().describe('Default: the caller’s first alliance');

export const alarmKeyQuery = z.object({ allianceId });
export const alarmKeyParams = z.object({ account });
export const alarmKeyBody = z.object({
  allianceId,
  account,
  key: z
    .string()
    .trim()
    .regex(ALARM_KEY_PATTERN, 'An AES key is 32, 48 or 64 hexadecimal characters')
    .describe('AES-128, -192 or -256 key as 32, 48 or 64 hex characters (DC-09-2013 §5.5.1.7). Write-only: never returned.'),
});

export const alarmKeyOut = z.object({
  account: z.string(),
  bits: z.union([z.literal(128), z.literal(192), z.literal(256)]).nullable().describe('Key length; null when the stored key does not open with this server’s secret key (the receiver then ignores it)'),
  createdAt: z.date().describe('When the account first got a key'),
  updatedAt: z.date().describe('When the key was last set (later than createdAt after a replacement)'),
});
export const alarmKeySetOut = alarmKeyOut.extend({ replaced: z.boolean().describe('True when an existing key was replaced') });
