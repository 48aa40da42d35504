import type { CircleTaskPlace } from '../tables.js';
import type { MemberKind } from '../schemas.js';

/**
 * A pathway step: who does it (the first member of these kinds in the circle owns it), where, with
 * which competence, and its norm, the hours after the pathway's start by which it must be done. The
 * step's title is the web app's `circles.pathway.steps.<key>`.
 */
export interface PathwayStep {
  key: string;
  ownerKinds: readonly MemberKind[];
  place: CircleTaskPlace;
  competence: string | null;
  normHours: number;
}

export interface PathwayTemplate {
  key: string;
  steps: readonly PathwayStep[];
}

/** Behaviour as typed data: the pathways an alliance runs, with the norms its partners agreed. */
export const pathwayTemplates = {
  // Discharge of a frail older person: the hospital announces (the start), home care within 24 h, the GP or practice nurse within 7 days, the municipality's Wmo check within 14 days.
  hospital_discharge: {
    key: 'hospital_discharge',
    steps: [
      { key: 'home_care_visit', ownerKinds: ['home_care', 'district_nurse'], place: 'home', competence: null, normHours: 24 },
      { key: 'gp_follow_up', ownerKinds: ['gp_practice'], place: 'practice', competence: null, normHours: 7 * 24 },
      { key: 'wmo_check', ownerKinds: ['municipal_consultant', 'welfare_worker'], place: 'home', competence: null, normHours: 14 * 24 },
    ],
  },
  // COPD flare-up at home: the district nurse the same day, the GP within two days, a check of the action plan within a week.
  copd_flare_up: {
    key: 'copd_flare_up',
    steps: [
      { key: 'nurse_assessment', ownerKinds: ['district_nurse', 'home_care'], place: 'home', competence: null, normHours: 8 },
      { key: 'gp_review', ownerKinds: ['gp_practice'], place: 'home', competence: null, normHours: 48 },
      { key: 'action_plan_check', ownerKinds: ['district_nurse', 'gp_practice'], place: 'home', competence: null, normHours: 7 * 24 },
    ],
  },
  // The last phase of life: wishes talked through, palliative nursing in place, and the night team informed.
  last_phase: {
    key: 'last_phase',
    steps: [
      { key: 'wishes_conversation', ownerKinds: ['gp_practice'], place: 'home', competence: null, normHours: 3 * 24 },
      { key: 'palliative_nursing', ownerKinds: ['district_nurse', 'home_care'], place: 'home', competence: 'palliative', normHours: 2 * 24 },
      { key: 'informal_support_plan', ownerKinds: ['welfare_worker', 'family'], place: 'home', competence: null, normHours: 7 * 24 },
    ],
  },
} as const satisfies Record<string, PathwayTemplate>;

export type PathwayKey = keyof typeof pathwayTemplates;
export const pathwayKeys = Object.keys(pathwayTemplates) as [PathwayKey, ...PathwayKey[]];
