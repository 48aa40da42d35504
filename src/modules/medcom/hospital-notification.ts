import type { Message } from './message.js';

/**
 * What a HospitalNotification does to the person's circle, by the activity of its Provenance (MedCom
 * HospitalNotification 3.0.2 activity codes): an admission pauses the home tasks; a discharge home
 * resumes them and starts the discharge pathway; a cancelled admission resumes without a pathway; leave,
 * its end and corrections are recorded with the message and change nothing.
 */
export type HospitalEffect = 'admitted' | 'discharged' | 'admission_cancelled' | 'recorded';

export const hospitalActivities: Readonly<Record<string, HospitalEffect>> = {
  'admit-inpatient': 'admitted',
  'admit-emergency': 'admitted',
  'discharge-inpatient-home': 'discharged',
  'discharge-emergency-home': 'discharged',
  'cancel-admit-inpatient': 'admission_cancelled',
  'cancel-admit-emergency': 'admission_cancelled',
  'revise-admit-inpatient': 'recorded',
  'revise-admit-emergency': 'recorded',
  'start-leave-inpatient': 'recorded',
  'end-leave-inpatient': 'recorded',
  'revise-discharge-inpatient-home': 'recorded',
  'revise-discharge-emergency-home': 'recorded',
};

/** The effect of a valid notification; a deceased patient (MORS) ends nothing here but is recorded, never resumed. */
export function hospitalEffect(message: Message): HospitalEffect {
  if (message.patient?.deceasedBoolean === true || typeof message.patient?.deceasedDateTime === 'string') return 'recorded';
  return hospitalActivities[message.activity ?? ''] ?? 'recorded';
}
