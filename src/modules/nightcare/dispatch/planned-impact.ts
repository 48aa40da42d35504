import type { Db } from '../../../platform/db/index.js';

export interface PlannedImpact {
  userId: string;
  lateVisits: number;
}

export type PlannedImpactProvider = (
  db: Db,
  allianceId: string,
  night: string,
  now: Date,
  acute: { latitude: number; longitude: number; deadline: Date; serviceMinutes: number; requiredSkills: string[] },
) => Promise<PlannedImpact[]>;

/**
 * The route planner's live insertion, plugged in by the app at start. Night care does not import the
 * planner (the planner builds on night care's shifts and team), so the dependency is handed in here.
 */
let provider: PlannedImpactProvider | undefined;

export function usePlannedImpact(impact: PlannedImpactProvider): void {
  provider = impact;
}

export const plannedImpact: PlannedImpactProvider = async (...args) => (provider ? provider(...args) : []);
