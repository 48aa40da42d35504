/** The planner's answers as the browser receives them (instants as ISO strings). */
export interface PlannedVisit {
  id: string;
  clientId: string;
  clientName: string | null;
  address: string | null;
  task: string;
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  requiredSkills: string[];
  priority: number;
  latitude: number;
  longitude: number;
  assignedUserId: string | null;
  sequence: number | null;
  plannedStart: string | null;
}

export interface PlanningNurse {
  userId: string;
  name: string;
  skills: string[];
  latitude: number | null;
  longitude: number | null;
}

export interface PlanningRun {
  id: string;
  night: string;
  status: 'running' | 'done' | 'failed';
  timeLimitMs: number;
  elapsedMs: number | null;
  iterations: number | null;
  travelMinutes: number | null;
  unassigned: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface NightOverview {
  night: string;
  shift: { startsAt: string; endsAt: string; zone: string };
  nurses: PlanningNurse[];
  visits: PlannedVisit[];
  lastRun: PlanningRun | null;
}

/** One colour per nurse, the same on the map and in the timeline. */
const PALETTE = ['#0b7285', '#c2255c', '#5c940d', '#e8590c', '#5f3dc4', '#1864ab', '#862e9c', '#2b8a3e', '#d6336c', '#495057'];
export const nurseColour = (index: number) => PALETTE[index % PALETTE.length]!;
export const UNASSIGNED_COLOUR = '#868e96';
