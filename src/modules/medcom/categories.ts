/**
 * MedCom's CareCommunication categories (CodeSystem medcom-careCommunication-categoryCodes of the
 * MedCom terminology IG, which is not vendored; the list is the CodeSystem's, and the vendored examples
 * use only codes from it). The profile binds Communication.category to this value set.
 */
export const careCommunicationCategories = [
  'acute-ambulant',
  'alcohol-and-drug-treatment',
  'assistive-devices',
  'carecoordination',
  'decease',
  'discharge',
  'examination-results',
  'extended-care-responsibility',
  'healthcare',
  'home-care-assessment',
  'medicine',
  'nursing',
  'outpatient',
  'psychiatry-social-disability',
  'regarding-referral',
  'telemedicine',
  'training',
  'other',
] as const;
export type CareCommunicationCategory = (typeof careCommunicationCategories)[number];
