/**
 * Public model of the route planner. Times are numbers in one unit per problem (seconds for night care,
 * Solomon time units for the benchmark); locations are indices into `Problem.locations`.
 */

/** A point. Planar instances (Solomon) use x/y; geographic ones use x = longitude, y = latitude (GeoJSON order). */
export interface Location {
  readonly x: number;
  readonly y: number;
}

/** Travel between every pair of locations, row-major: entry `from * size + to`. */
export interface TravelMatrix {
  readonly size: number;
  readonly seconds: Float64Array;
  readonly meters: Float64Array;
}

/** Service must START inside [start, end]; arriving early means waiting. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** A vehicle; in night care, a nurse on shift. */
export interface Vehicle {
  readonly id: string;
  readonly shiftStart: number;
  /** The vehicle must be back at its end location by this time (the depot due date in Solomon). */
  readonly shiftEnd: number;
  readonly startLocation: number;
  readonly endLocation: number;
  readonly skills?: readonly string[];
  /** Absent means unlimited. */
  readonly capacity?: number;
}

/** An acute job (alarm): the nurse must be on site, i.e. start service, by the deadline. */
export interface AcuteJob {
  readonly deadline: number;
  /** Triage urgency, e.g. 'U2' (on site within 30 minutes); informational for the solver. */
  readonly urgency?: string;
}

export interface Visit {
  readonly id: string;
  readonly location: number;
  /** Alternative windows, sorted and disjoint; empty means any time within the shift. */
  readonly windows: readonly TimeWindow[];
  readonly serviceDuration: number;
  readonly demand?: number;
  readonly requiredSkills?: readonly string[];
  /** Higher is more important to keep when not every visit fits (night-care objective); default 1. */
  readonly priority?: number;
  readonly acute?: AcuteJob;
}

export interface Problem {
  readonly locations: readonly Location[];
  readonly matrix: TravelMatrix;
  readonly vehicles: readonly Vehicle[];
  readonly visits: readonly Visit[];
}

/**
 * - `distance`: least total distance, any number of vehicles (the distance-only Solomon convention).
 * - `hierarchical`: fewest vehicles first, then least distance (the SINTEF / literature convention).
 * - `night-care`: every acute job within its deadline, then as many planned visits in their windows as
 *   possible (weighted by priority), then least total travel time.
 */
export type ObjectiveKind = 'distance' | 'hierarchical' | 'night-care';

export interface Stop {
  readonly visitId: string;
  readonly arrival: number;
  /** Service start: max(arrival, window start). */
  readonly start: number;
  readonly departure: number;
}

export interface Route {
  readonly vehicleId: string;
  readonly visits: readonly string[];
  readonly stops: readonly Stop[];
  /** Arrival back at the vehicle's end location. */
  readonly end: number;
  readonly distance: number;
  readonly travelTime: number;
}

export interface Solution {
  /** Only vehicles that serve at least one visit. */
  readonly routes: readonly Route[];
  /** Visits the solver could not place without breaking a hard constraint. */
  readonly unassigned: readonly string[];
  readonly vehicles: number;
  readonly distance: number;
  readonly travelTime: number;
}

export interface Progress {
  readonly elapsedMs: number;
  readonly iterations: number;
  readonly vehicles: number;
  readonly distance: number;
  readonly travelTime: number;
  readonly unassigned: number;
  /** Builds the best solution so far; lazy because progress is reported often. */
  readonly bestSolution: () => Solution;
}

export interface SolveOptions {
  readonly objective?: ObjectiveKind;
  /** Wall-clock budget; default 1000 ms. */
  readonly timeLimitMs?: number;
  /**
   * A work budget in iterations: the cooling follows it instead of the clock, so a seed gives the same
   * routes on a busy machine as on a quiet one. Without `timeLimitMs` the run ends only there.
   */
  readonly maxIterations?: number;
  /**
   * Stop early once no vehicle can be saved (the fleet is at its capacity lower bound, or the
   * objective does not count vehicles) and the best has not improved for this many iterations.
   */
  readonly settleIterations?: number;
  /** Ends the search early; both entry points then return the best solution so far. */
  readonly signal?: AbortSignal;
  readonly seed?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Minimum time between two progress reports; default 100 ms. */
  readonly progressIntervalMs?: number;
  /** A plan to start from (e.g. the current night plan); visits that no longer fit are re-inserted. */
  readonly initialRoutes?: readonly { readonly vehicleId: string; readonly visits: readonly string[] }[];
}
