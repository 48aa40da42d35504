import type { ApiJson } from '../../api/types.js';

/** The planner's answers as the browser receives them (instants as ISO strings), from the generated API types. */
export type NightOverview = ApiJson<'GET /api/planning/nights/{night}'>;
export type PlannedVisit = NightOverview['visits'][number];
export type PlanningNurse = NightOverview['nurses'][number];
export type PlanningRun = ApiJson<'GET /api/planning/runs/{id}'>;

/** One colour per nurse, the same on the map and in the timeline. */
const PALETTE = ['#0b7285', '#c2255c', '#5c940d', '#e8590c', '#5f3dc4', '#1864ab', '#862e9c', '#2b8a3e', '#d6336c', '#495057'];
export const nurseColour = (index: number) => PALETTE[index % PALETTE.length]!;
export const UNASSIGNED_COLOUR = '#868e96';
