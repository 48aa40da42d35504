import { z } from 'zod';

/**
 * The alliance's respite settings. The database allows wider ranges (migrations 0019, 0029, 0042); these
 * bounds are our choice for what an administrator may set: a planned stay at most 60 days ahead as the
 * minimum (longer would refuse nearly every request), a hold of 1 hour to a week (the 0019 range), a
 * group floor of 3 (0042: below 3 a hidden count names one person) up to 50 (above, small
 * municipalities would see nothing), and 2 to 50 alarms a week for the night-care link (the 0029 range).
 */
export const SETTING_BOUNDS = {
  minLeadDays: { min: 0, max: 60 },
  holdHours: { min: 1, max: 168 },
  minGroupSize: { min: 3, max: 50 },
  respiteAlarmThreshold: { min: 2, max: 50 },
} as const;

/** The defaults of the migrations: our choice, not a norm (the page says so). */
export const SETTING_DEFAULTS = { minLeadDays: 3, holdHours: 24, minGroupSize: 5, respiteAlarmThreshold: 3, crisisPhone: '0592 - 000 000' } as const;

const bounded = (name: keyof typeof SETTING_BOUNDS) => z.number().int().min(SETTING_BOUNDS[name].min).max(SETTING_BOUNDS[name].max);

export const respiteSettingsBody = z.object({
  minLeadDays: bounded('minLeadDays').describe('A planned stay starts at least this many days from today; sooner is sent to the crisis line'),
  holdHours: bounded('holdHours').describe('How long freed nights are held for a waiting-list offer'),
  minGroupSize: bounded('minGroupSize').describe('Analytics hide figures resting on fewer people than this'),
  crisisPhone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Enter a phone number of digits, optionally starting with +').describe('Shown when a request is too soon for a planned stay'),
  respiteAlarmThreshold: bounded('respiteAlarmThreshold').describe("Night care's morning handover suggests respite after this many alarms in a week for one client"),
});
export type RespiteSettingsBody = z.infer<typeof respiteSettingsBody>;

const defaultsOut = z.object({ minLeadDays: z.number(), holdHours: z.number(), minGroupSize: z.number(), respiteAlarmThreshold: z.number(), crisisPhone: z.string() });
const boundOut = z.object({ min: z.number(), max: z.number() });

export const respiteSettingsOut = respiteSettingsBody.extend({
  allianceId: z.uuid(),
  defaults: defaultsOut.describe('The values an alliance starts with: our choice, not a norm'),
  bounds: z.object({ minLeadDays: boundOut, holdHours: boundOut, minGroupSize: boundOut, respiteAlarmThreshold: boundOut }),
});
