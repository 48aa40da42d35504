import { z } from 'zod';
import { multiLine, singleLine } from '../../platform/http/index.js';
import { normaliseCpr } from './cpr.js';

export const nightRisks = ['fall_risk', 'dementia', 'diabetes', 'epilepsy', 'heart_failure', 'copd', 'anticoagulants', 'wandering', 'aggression', 'infection_risk', 'palliative'] as const;

const name = singleLine(80).min(1);
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Enter a phone number of digits, optionally starting with +');

/** Dutch (1234 AB) and Danish (1234) postcodes; stored in the Dutch notation with one space. */
const postcode = z
  .string()
  .trim()
  .regex(/^\d{4}(\s?[A-Za-z]{2})?$/, 'Enter a postcode such as 7811 AB')
  .transform((p) => p.replace(/^(\d{4})\s?([A-Za-z]{2})$/, (_m, digits: string, letters: string) => `${digits} ${letters.toUpperCase()}`));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Danish CPR number: DDMMYY-SSSS with a date that exists (cpr.ts; no modulus-11 check since 2007), stored with the hyphen. */
const cpr = z
  .string()
  .trim()
  .transform((value, context) => {
    const normal = normaliseCpr(value);
    if (!normal) context.addIssue({ code: 'custom', message: 'Enter a CPR number as DDMMYY-SSSS with an existing date of birth' });
    return normal ?? value;
  });

/** A date a caller gives on the phone, for searches: ISO or Dutch notation (03-05-1929, also 3-5-1929), read as ISO. */
export const calendarDate = z
  .string()
  .trim()
  .transform((d) => d.replace(/^(\d{1,2})-(\d{1,2})-(\d{4})$/, (_m, day: string, month: string, year: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`))
  .pipe(z.iso.date('Enter an existing date as 03-05-1929 or 1929-05-03'));

/**
 * Stored and imported as an ISO date only (the CSV template says so); anything else, such as 31-02-1940,
 * fails as a format problem, and the range checks look only at ISO dates, so the message names what is wrong.
 */
const dateOfBirth = z
  .string()
  .trim()
  .pipe(z.iso.date('Enter the date of birth as year-month-day, such as 1929-05-03'))
  .refine((d) => !ISO_DATE.test(d) || d >= '1900-01-01', 'The date of birth must be after 1900')
  .refine((d) => !ISO_DATE.test(d) || d <= new Date().toISOString().slice(0, 10), 'The date of birth cannot be in the future');

export const nightSummarySchema = z.object({
  risks: z.array(z.enum(nightRisks)).max(nightRisks.length).default([]),
  allergies: multiLine(2000).default(''),
  medication: multiLine(4000).default(''),
  wishes: multiLine(2000).default(''),
  instructions: multiLine(4000).default(''),
});
export type NightSummary = z.infer<typeof nightSummarySchema>;

/**
 * A night summary in a response. Its texts passed nightSummarySchema's checks when they were written, so
 * a response checks only the shape: running the text checks again on every read cost the client-record
 * read a few per cent of its server time (bench:api's profile).
 */
export const nightSummaryShape = z.object({
  risks: z.array(z.enum(nightRisks)),
  allergies: z.string(),
  medication: z.string(),
  wishes: z.string(),
  instructions: z.string(),
});

export const contactSchema = z.object({
  name,
  relation: singleLine(60).min(1),
  phone,
  informalCaregiver: z.boolean().default(true),
});
export type Contact = z.infer<typeof contactSchema>;

const clientFields = {
  allianceId: z.uuid().optional(),
  givenName: name,
  familyName: name,
  dateOfBirth,
  street: singleLine(120).min(1),
  houseNumber: singleLine(12).min(1),
  postcode,
  city: singleLine(80).min(1),
  municipality: singleLine(80).min(1),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  phone: phone.optional(),
  // DC-09 account numbers are 3 to 16 hexadecimal characters.
  alarmAccount: z.string().trim().regex(/^[0-9A-Fa-f]{3,16}$/, 'An alarm account is 3 to 16 hexadecimal characters').transform((a) => a.toUpperCase()).optional(),
  alarmDevice: singleLine(80).optional(),
  keySafeCode: singleLine(20).min(1).optional(),
  keySafeLocation: singleLine(200).optional(),
  gpName: singleLine(120).optional(),
  gpPhone: phone.optional(),
  gpPostId: z.uuid().optional(),
  nightSummary: nightSummarySchema,
  contacts: z.array(contactSchema).max(10),
  districtNursing: z.boolean(),
  personalAlarm: z.boolean(),
  /** The organisation's own number for the client: what a CSV import matches an existing client on. */
  clientNumber: singleLine(40).min(1).optional(),
  cpr: cpr.optional(),
};

/** Defaults apply when a client is created; an update changes only what it names. */
const createDefaults = {
  districtNursing: clientFields.districtNursing.default(false),
  personalAlarm: clientFields.personalAlarm.default(false),
  nightSummary: nightSummarySchema.default({ risks: [], allergies: '', medication: '', wishes: '', instructions: '' }),
  contacts: clientFields.contacts.default([]),
};

const alarmNeedsAccount = (c: { personalAlarm?: boolean; alarmAccount?: string }) => !c.personalAlarm || !!c.alarmAccount;
const coordinatesTogether = (c: { latitude?: number; longitude?: number }) => (c.latitude === undefined) === (c.longitude === undefined);

export const clientCreate = z
  .object({ ...clientFields, ...createDefaults })
  .strict()
  .refine(alarmNeedsAccount, { path: ['alarmAccount'], message: 'A client with a personal alarm needs an alarm account' })
  .refine(coordinatesTogether, { path: ['longitude'], message: 'Give both latitude and longitude, or neither' });
export type ClientCreate = z.infer<typeof clientCreate>;

/** Optional fields an update may clear by sending null (a removed key safe, a GP who retired, ...). */
const clearable = {
  latitude: clientFields.latitude.unwrap().nullable(),
  longitude: clientFields.longitude.unwrap().nullable(),
  phone: phone.nullable(),
  alarmAccount: clientFields.alarmAccount.unwrap().nullable(),
  alarmDevice: singleLine(80).nullable(),
  keySafeCode: singleLine(20).min(1).nullable(),
  keySafeLocation: singleLine(200).nullable(),
  gpName: singleLine(120).nullable(),
  gpPhone: phone.nullable(),
  gpPostId: z.uuid().nullable(),
  clientNumber: singleLine(40).min(1).nullable(),
  cpr: cpr.nullable(),
};

export const clientUpdate = z
  .object({ ...clientFields, ...clearable })
  .omit({ allianceId: true })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'Change at least one field' })
  .refine((c) => ('latitude' in c) === ('longitude' in c) && (c.latitude === null) === (c.longitude === null), {
    path: ['longitude'],
    message: 'Change latitude and longitude together',
  });
export type ClientUpdate = z.infer<typeof clientUpdate>;

/** Search of the caller's own organisation's clients; other organisations' clients are in the identification index only. */
export const clientSearchQuery = z
  .object({
    q: singleLine(80).optional(),
    dateOfBirth: calendarDate.optional(),
    postcode: singleLine(8).optional(),
    city: singleLine(80).optional(),
    alarmAccount: singleLine(16).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ClientSearchQuery = z.infer<typeof clientSearchQuery>;

/**
 * What identifies one client in the index: the family name with the date of birth, the postcode with
 * the house number, or the alarm account. Values match exactly (no wildcards, no prefixes); one field
 * alone, other than the alarm account, is refused, so no answer is ever a list to browse.
 */
export const indexCriteriaShape = {
  familyName: singleLine(80).min(2).optional(),
  dateOfBirth: calendarDate.optional(),
  postcode: z.string().trim().regex(/^\d{4}\s?[A-Za-z]{2}$/, 'Enter a postcode such as 7811 AB').optional(),
  houseNumber: singleLine(12).min(1).optional(),
  alarmAccount: clientFields.alarmAccount,
  // Narrows a search, never identifies on its own: with it, a pair that fits two namesakes can still find one.
  city: singleLine(80).min(2).optional(),
};
export type IndexCriteria = z.infer<z.ZodObject<typeof indexCriteriaShape>>;

export const identifiesOneClient = (c: IndexCriteria) => !!c.alarmAccount || (!!c.familyName && !!c.dateOfBirth) || (!!c.postcode && !!c.houseNumber);
export const INDEX_CRITERIA_MESSAGE = 'Give the family name and date of birth, the postcode and house number, or the alarm account';

export const clientIdParams = z.object({ id: z.uuid() });
export const emergencyAccessBody = z.object({ reason: multiLine(500).min(10, 'Describe the emergency in at least 10 characters') });
export const objectionBody = z.object({ objected: z.boolean(), note: multiLine(500).optional() });

/** The services that put a client in the night team's scope. */
export const nightCareServices = ['district_nursing', 'personal_alarm'] as const;
export type NightCareService = (typeof nightCareServices)[number];

export const identificationOut = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  postcode: z.string(),
  city: z.string(),
  alarmAccount: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string(),
  ownOrganisation: z.boolean(),
  nightCareScope: z.array(z.enum(nightCareServices)).describe('Why the night team serves this client: district nursing and/or a personal alarm; empty: not in its scope'),
  cprMasked: z.string().nullable().describe('The Danish CPR number with its sequence hidden (DDMMYY-xxxx): lists never show it in full'),
  updatedAt: z.date().describe('When the client record last changed (the FHIR meta.lastUpdated)'),
});
export type Identification = z.infer<typeof identificationOut>;

/** A contact as stored and answered: checked as contactSchema when written, so only its shape here (see nightSummaryShape). */
const contactOut = z.object({ id: z.string(), name: z.string(), relation: z.string(), phone: z.string(), informalCaregiver: z.boolean() });

export const nightSummaryOut = identificationOut.extend({
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string().nullable(),
  gpName: z.string().nullable(),
  gpPhone: z.string().nullable(),
  hasKeySafe: z.boolean(),
  keySafeLocation: z.string().nullable(),
  nightSummary: nightSummaryShape,
  contacts: z.array(contactOut),
  accessBasis: z.string(),
});
export type NightSummaryView = z.infer<typeof nightSummaryOut>;

export const clientRecordOut = nightSummaryOut.extend({
  municipality: z.string(),
  districtNursing: z.boolean(),
  personalAlarm: z.boolean(),
  alarmDevice: z.string().nullable(),
  gpPostId: z.string().nullable(),
  letterSentAt: z.date().nullable(),
  objectedAt: z.date().nullable(),
  objectionNote: z.string().nullable(),
  clientNumber: z.string().nullable(),
  cpr: z.string().nullable().describe('The full Danish CPR number: only in the record itself'),
  careEndedOn: z.string().nullable().describe('The day care ended; the client is then shared with no other organisation'),
});
export type ClientRecord = z.infer<typeof clientRecordOut>;

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');
export const importQuery = z.object({
  endMissing: flag.describe("End care for the organisation's numbered clients that are missing from the file"),
  preview: flag.describe('Report what the import would change, change nothing'),
});

export const importReportOut = z.object({
  preview: z.boolean(),
  added: z.number(),
  updated: z.number(),
  ended: z.number(),
  unchanged: z.number(),
  errors: z.number(),
  refused: z.array(z.object({ line: z.number(), problems: z.array(z.object({ field: z.string(), message: z.string() })) })),
  endedClients: z.array(z.object({ id: z.string(), name: z.string(), clientNumber: z.string() })).describe('The clients whose care ends (or would end)'),
});
