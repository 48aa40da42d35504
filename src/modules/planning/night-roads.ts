import { createHaversineTravelModel, createOsrmTravelModel, withOfflineFallback, type Location, type OsrmOptions, type TravelMatrix } from '../routing/index.js';

/** The travel times a plan rests on, and which roads they came from. */
export interface NightRoads {
  matrix: TravelMatrix;
  roads: 'estimate' | 'osrm';
  /** Set when an OSRM server is configured but the estimate was used: why (OSRM's own code and message). */
  warning: string | null;
}

/**
 * The alliance's OSRM server when one is configured (OSRM_URL), else the offline estimate (great-circle
 * distance × 1.3 at banded road speeds). A server that does not answer or refuses never stops the night
 * from being planned: the estimate is used and the run says so, for the planner page to show.
 */
export async function nightRoads(locations: readonly Location[], osrm: OsrmOptions | undefined): Promise<NightRoads> {
  const estimate = createHaversineTravelModel();
  if (!osrm) return { matrix: await estimate.matrix(locations), roads: 'estimate', warning: null };
  let warning: string | null = null;
  const matrix = await withOfflineFallback(createOsrmTravelModel(osrm), estimate, (reason) => (warning = reason)).matrix(locations);
  return { matrix, roads: warning === null ? 'osrm' : 'estimate', warning };
}
