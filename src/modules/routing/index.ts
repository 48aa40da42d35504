export type {
  AcuteJob,
  Location,
  ObjectiveKind,
  Problem,
  Progress,
  Route,
  Solution,
  SolveOptions,
  Stop,
  TimeWindow,
  TravelMatrix,
  Vehicle,
  Visit,
} from './model.js';
export { solve, solveAsync } from './solver.js';
export { checkSolution, type CheckOptions, type CheckReport, type Violation, type ViolationKind } from './feasibility-checker.js';
export { euclideanMatrix, parseSolomon, type SolomonInstance } from './solomon.js';
export {
  livePlanAt,
  proposeInsertions,
  reoptimise,
  type InsertionProposal,
  type LateVisit,
  type LivePlan,
  type NurseState,
  type Replan,
} from './live-insertion.js';
export {
  createHaversineTravelModel,
  DEFAULT_SPEEDS,
  driveSeconds,
  haversineMatrix,
  haversineMeters,
  type HaversineOptions,
  type SpeedBand,
  type TravelModel,
} from './travel-model.js';
export { createOsrmTravelModel, withOfflineFallback, type OsrmOptions } from './osrm-travel.js';
export { createRandom, type Random } from './random.js';
