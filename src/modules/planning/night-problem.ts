import { haversineMatrix, type Problem, type Solution, type Stop } from '../routing/index.js';

export interface PlannedVisitRow {
  id: string;
  latitude: number;
  longitude: number;
  window_start: Date;
  window_end: Date;
  duration_minutes: number;
  required_skills: string[];
  priority: number;
  assigned_user_id: string | null;
  sequence: number | null;
  planned_start: Date | null;
}

export interface NurseRow {
  user_id: string;
  skills: string[];
  latitude: number | null;
  longitude: number | null;
  starts_at: Date;
  ends_at: Date;
}

export interface AcuteInput {
  id: string;
  latitude: number;
  longitude: number;
  /** On site by this instant. */
  deadline: Date;
  serviceMinutes: number;
  requiredSkills: string[];
}

type Point = { x: number; y: number };

/** Where a nurse without a known position is assumed to start: the centre of the night's visits and the acute job. */
function centreOf(visits: PlannedVisitRow[], acute?: AcuteInput): Point {
  const points = [...visits, ...(acute ? [acute] : [])];
  if (!points.length) return { x: 6.6, y: 52.8 };
  return { x: points.reduce((s, p) => s + p.longitude, 0) / points.length, y: points.reduce((s, p) => s + p.latitude, 0) / points.length };
}

function buildProblem(shiftStart: Date, nurses: NurseRow[], visits: PlannedVisitRow[], acute: AcuteInput | undefined, centre: Point): Problem {
  const t = (d: Date) => (d.getTime() - shiftStart.getTime()) / 1000;
  const points = [...visits.map((v) => ({ x: v.longitude, y: v.latitude })), ...(acute ? [{ x: acute.longitude, y: acute.latitude }] : [])];
  const nurseLocations = nurses.map((n) => (n.latitude !== null && n.longitude !== null ? { x: n.longitude, y: n.latitude } : centre));
  const locations = [...nurseLocations, ...points];
  const vehicles = nurses.map((n, i) => ({ id: n.user_id, shiftStart: Math.max(0, t(n.starts_at)), shiftEnd: t(n.ends_at), startLocation: i, endLocation: i, skills: n.skills }));
  const planned = visits.map((v, i) => ({
    id: v.id,
    location: nurses.length + i,
    windows: [{ start: t(v.window_start), end: t(v.window_end) }],
    serviceDuration: v.duration_minutes * 60,
    requiredSkills: v.required_skills,
    priority: v.priority,
  }));
  const acuteVisit = acute
    ? [{ id: acute.id, location: locations.length - 1, windows: [{ start: 0, end: t(acute.deadline) }], serviceDuration: acute.serviceMinutes * 60, requiredSkills: acute.requiredSkills, priority: 5, acute: { deadline: t(acute.deadline) } }]
    : [];
  return { locations, matrix: haversineMatrix(locations), vehicles, visits: [...planned, ...acuteVisit] };
}

/**
 * The night as a routing problem in seconds since the shift start. Nurses start where their car was
 * last seen, else at the centre of the night's visits (the route planner then assumes a central base).
 */
export function nightProblem(shiftStart: Date, nurses: NurseRow[], visits: PlannedVisitRow[], acute?: AcuteInput): Problem {
  return buildProblem(shiftStart, nurses, visits, acute, centreOf(visits, acute));
}

/**
 * The night with one acute job as one problem per nurse: her, her planned visits and the acute job.
 * The live insertion over the stored plan (`livePlanAt`, `proposeInsertions`) weighs every nurse
 * against her own round only, so each nurse's proposal is the one the whole night's problem gives,
 * while the travel matrices stay small: for 20 nurses × 40 visits about 17,000 legs instead of the
 * whole night's 340,000, which took tens of milliseconds per alarm (bench/results/dispatch.md).
 */
export function perNurseProblems(shiftStart: Date, nurses: NurseRow[], visits: PlannedVisitRow[], acute: AcuteInput): Problem[] {
  const centre = centreOf(visits, acute);
  const rounds = new Map<string, PlannedVisitRow[]>();
  for (const v of visits) {
    if (!v.assigned_user_id) continue;
    const round = rounds.get(v.assigned_user_id) ?? [];
    round.push(v);
    rounds.set(v.assigned_user_id, round);
  }
  return nurses.map((n) => buildProblem(shiftStart, [n], rounds.get(n.user_id) ?? [], acute, centre));
}

/** The stored plan as a solution: stops from the planned start times, in sequence per nurse. */
export function storedSolution(shiftStart: Date, visits: PlannedVisitRow[]): Solution {
  const byNurse = new Map<string, PlannedVisitRow[]>();
  for (const v of visits) if (v.assigned_user_id && v.planned_start) byNurse.set(v.assigned_user_id, [...(byNurse.get(v.assigned_user_id) ?? []), v]);
  const routes = [...byNurse.entries()].map(([vehicleId, list]) => {
    const ordered = list.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
    const stops: Stop[] = ordered.map((v) => {
      const start = (v.planned_start!.getTime() - shiftStart.getTime()) / 1000;
      return { visitId: v.id, arrival: start, start, departure: start + v.duration_minutes * 60 };
    });
    return { vehicleId, visits: ordered.map((v) => v.id), stops, end: stops.at(-1)?.departure ?? 0, distance: 0, travelTime: 0 };
  });
  return { routes, unassigned: visits.filter((v) => !v.assigned_user_id).map((v) => v.id), vehicles: routes.length, distance: 0, travelTime: 0 };
}
