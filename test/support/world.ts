import { formatInTimeZone } from 'date-fns-tz';
import { bootstrapActor } from '../../src/platform/access/bootstrap.js';
import type { Role, StaffContext } from '../../src/platform/access/index.js';
import { newTotpSecret } from '../../src/platform/auth/index.js';
import type { SecretBox } from '../../src/platform/crypto/index.js';
import type { Db } from '../../src/platform/db/index.js';
import { createAgreement, createAlliance, createOrganisation, createStaff } from '../../src/modules/alliance/index.js';

/** Test fixtures set the world up as the platform's bootstrap would, not as any staff member. */
export const SETUP = bootstrapActor('test set-up');

export const PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  totpSecret: string;
  organisationId: string;
}

let counter = 0;

/** A staff member with roles in one organisation and TOTP already set up. */
export async function addUser(db: Db, secretBox: SecretBox, organisationId: string, roles: Role[], label = 'user'): Promise<TestUser> {
  const email = `${label}-${++counter}-${Date.now()}@test.example`;
  const id = await createStaff(db, SETUP, organisationId, { email, name: `${label} ${counter}`, password: PASSWORD, roles });
  const totpSecret = newTotpSecret();
  await db.updateTable('app_user').set({ totp_secret_enc: secretBox.seal(totpSecret), totp_enabled: true }).where('id', '=', id).execute();
  return { id, email, password: PASSWORD, totpSecret, organisationId };
}

export interface World {
  allianceId: string;
  /** The client's home organisation. */
  homeOrg: string;
  /** The partner that staffs the night team. */
  partnerOrg: string;
  /** A member without a data-sharing agreement. */
  outsiderOrg: string;
  gpPost: string;
}

/** An alliance with two sharing care providers, one without an agreement, and a GP post. */
export async function createWorld(db: Db, options: { consentModel?: 'objection' | 'explicit_consent'; plannedVisits?: boolean } = {}): Promise<World> {
  const allianceId = await createAlliance(db, SETUP, { name: 'Test alliance', region: 'Test', consentModel: options.consentModel });
  // Planned night visits are off by default, as for a real alliance; tests of the planner turn them on.
  if (options.plannedVisits) await db.updateTable('alliance').set({ planned_visits_enabled: true }).where('id', '=', allianceId).execute();
  const homeOrg = await createOrganisation(db, SETUP, { allianceId, name: 'Home care', kind: 'care_provider' });
  const partnerOrg = await createOrganisation(db, SETUP, { allianceId, name: 'Partner care', kind: 'care_provider' });
  const outsiderOrg = await createOrganisation(db, SETUP, { allianceId, name: 'Outsider care', kind: 'care_provider' });
  const gpPost = await createOrganisation(db, SETUP, { allianceId, name: 'GP post', kind: 'gp_post' });
  for (const organisationId of [homeOrg, partnerOrg, gpPost]) {
    await createAgreement(db, SETUP, { allianceId, organisationId, purposes: ['nightcare'], startsOn: '2020-01-01', signedBy: 'Director' });
  }
  return { allianceId, homeOrg, partnerOrg, outsiderOrg, gpPost };
}

/** Sets the alliance's night shift around `now` (opened an hour ago, six hours to go), whatever the hour the test runs. */
export async function openNightShift(db: Db, allianceId: string, now = new Date()): Promise<void> {
  await setNightShift(db, allianceId, now, -1, 6);
}

/** Sets the alliance's night shift to start in two hours: nobody is on duty now. */
export async function closeNightShift(db: Db, allianceId: string, now = new Date()): Promise<void> {
  await setNightShift(db, allianceId, now, 2, 3);
}

async function setNightShift(db: Db, allianceId: string, now: Date, startHours: number, endHours: number): Promise<void> {
  const { time_zone } = await db.selectFrom('alliance').select('time_zone').where('id', '=', allianceId).executeTakeFirstOrThrow();
  const wallClock = (hours: number) => formatInTimeZone(new Date(now.getTime() + hours * 3600_000), time_zone, 'HH:mm');
  await db.updateTable('alliance').set({ night_shift_start: wallClock(startHours), night_shift_end: wallClock(endHours) }).where('id', '=', allianceId).execute();
}

export const validClient = (overrides: Record<string, unknown> = {}) => ({
  givenName: 'Jantje',
  familyName: 'Bakker',
  dateOfBirth: '1938-03-14',
  street: 'Hoofdstraat',
  houseNumber: '12',
  postcode: '7811AB',
  city: 'Emmen',
  municipality: 'Emmen',
  latitude: 52.785,
  longitude: 6.897,
  personalAlarm: true,
  alarmAccount: `A${Math.floor(Math.random() * 1e9).toString(16)}`.slice(0, 10),
  districtNursing: true,
  keySafeCode: '4321',
  keySafeLocation: 'Left of the front door',
  nightSummary: { risks: ['fall_risk'], allergies: 'Penicillin', medication: 'Metoprolol 50 mg', wishes: 'No resuscitation', instructions: 'Hearing aid on the nightstand' },
  contacts: [{ name: 'Marieke Bakker', relation: 'daughter', phone: '+31612345678' }],
  ...overrides,
});


/** The access context of a staff member acting in one alliance, for tests that call platform/access directly. */
export const staffContext = (user: { id: string; organisationId: string }, roles: Role[], allianceId: string): StaffContext => ({
  actorKind: 'user',
  actorId: user.id,
  actorName: 'test',
  organisationId: user.organisationId,
  roles,
  allianceIds: [allianceId],
  allianceId,
});
