import type { ObjectiveKind, Problem, Visit } from './model.js';

/**
 * The problem as flat typed arrays for the solver's hot loops. Nodes: visits 0..N-1, then the start
 * node of vehicle v at N + v and its end node at N + V + v, so every matrix lookup is one index.
 */
export interface CompiledProblem {
  readonly objective: ObjectiveKind;
  readonly nVisits: number;
  readonly nVehicles: number;
  readonly nNodes: number;
  /** Travel time node→node, nNodes² row-major. */
  readonly time: Float64Array;
  /** Arc cost the objective minimises: meters, or seconds for night care. */
  readonly cost: Float64Array;
  /**
   * The same matrices transposed (`timeIn[b * nNodes + a]` is `time[a * nNodes + b]`), so that an
   * insertion scan reads the arcs into and out of a visit from its own two rows instead of one column
   * entry per route position, which on 400 visits and more misses the cache. The very arrays when
   * the matrix is symmetric (Euclidean instances).
   */
  readonly timeIn: Float64Array;
  readonly costIn: Float64Array;
  readonly meters: Float64Array;
  readonly service: Float64Array;
  readonly demand: Float64Array;
  /** Envelope of the windows: earliest and latest service start. */
  readonly open: Float64Array;
  readonly close: Float64Array;
  /** 1 when a node has more than one window; those go through the slower window scan. */
  readonly multiWindow: Uint8Array;
  readonly windowOffset: Int32Array;
  readonly windowStart: Float64Array;
  readonly windowEnd: Float64Array;
  readonly requiredSkills: Int32Array;
  readonly vehicleSkills: Int32Array;
  readonly capacity: Float64Array;
  /** Vehicles with equal type are interchangeable, so only one empty route per type is tried. */
  readonly vehicleType: Int32Array;
  readonly nTypes: number;
  /** Cost of leaving a visit unassigned; dwarfs any travel saving. */
  readonly penalty: Float64Array;
  /**
   * Polar angle of each node around the mean vehicle start, in 1/65536 turns; SWAP* only pairs routes
   * whose angular sectors overlap. All zero when the locations carry no coordinates.
   */
  readonly angle: Int32Array;
  /** For each visit, the other visits sorted by closeness (N × (N-1)). */
  readonly neighbours: Int32Array;
  readonly visitIds: readonly string[];
  readonly vehicleIds: readonly string[];
}

const PLANNED_PENALTY = 1e7;
const ACUTE_PENALTY = 1e10;

function skillBits(skills: readonly string[] | undefined, index: Map<string, number>): number {
  let bits = 0;
  for (const s of skills ?? []) {
    let bit = index.get(s);
    if (bit === undefined) {
      bit = index.size;
      if (bit >= 31) throw new RangeError('at most 31 distinct skills are supported');
      index.set(s, bit);
    }
    bits |= 1 << bit;
  }
  return bits;
}

/** Windows of a visit after applying an acute deadline. */
function effectiveWindows(v: Visit): { start: number; end: number }[] {
  const base = v.windows.length > 0 ? v.windows.map((w) => ({ start: w.start, end: w.end })) : [{ start: -Infinity, end: Infinity }];
  if (!v.acute) return base;
  const deadline = v.acute.deadline;
  return base.filter((w) => w.start <= deadline).map((w) => ({ start: w.start, end: Math.min(w.end, deadline) }));
}

const TURN = 65536;

function buildAngles(problem: Problem, loc: Int32Array): Int32Array {
  let cx = 0;
  let cy = 0;
  for (const v of problem.vehicles) {
    cx += problem.locations[v.startLocation]?.x ?? 0;
    cy += problem.locations[v.startLocation]?.y ?? 0;
  }
  cx /= Math.max(1, problem.vehicles.length);
  cy /= Math.max(1, problem.vehicles.length);
  const out = new Int32Array(loc.length);
  for (let i = 0; i < loc.length; i++) {
    const p = problem.locations[loc[i]!];
    const a = p ? Math.atan2(p.y - cy, p.x - cx) : 0;
    out[i] = Number.isFinite(a) ? Math.floor(((a / (2 * Math.PI) + 1) % 1) * TURN) % TURN : 0;
  }
  return out;
}

function buildNeighbours(n: number, nNodes: number, cost: Float64Array): Int32Array {
  const out = new Int32Array(n * Math.max(0, n - 1));
  const others: number[] = [];
  for (let i = 0; i < n; i++) {
    others.length = 0;
    for (let j = 0; j < n; j++) if (j !== i) others.push(j);
    const d = (j: number): number => cost[i * nNodes + j]! + cost[j * nNodes + i]!;
    others.sort((a, b) => d(a) - d(b));
    out.set(others, i * (n - 1));
  }
  return out;
}

function isSymmetric(m: Float64Array, size: number): boolean {
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b < size; b++) if (m[a * size + b] !== m[b * size + a]) return false;
  }
  return true;
}

/** The matrix transposed, or the matrix itself when it is symmetric (then nothing is allocated). */
function transposed(m: Float64Array, size: number): Float64Array {
  if (isSymmetric(m, size)) return m;
  const out = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) out[b * size + a] = m[a * size + b]!;
  }
  return out;
}

export function compileProblem(problem: Problem, objective: ObjectiveKind): CompiledProblem {
  const n = problem.visits.length;
  const nv = problem.vehicles.length;
  const size = n + 2 * nv;
  const loc = new Int32Array(size);
  problem.visits.forEach((v, i) => (loc[i] = v.location));
  problem.vehicles.forEach((v, k) => {
    loc[n + k] = v.startLocation;
    loc[n + nv + k] = v.endLocation;
  });
  const m = problem.matrix.size;
  const time = new Float64Array(size * size);
  const meters = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const src = loc[a]! * m + loc[b]!;
      time[a * size + b] = a === b ? 0 : problem.matrix.seconds[src]!;
      meters[a * size + b] = a === b ? 0 : problem.matrix.meters[src]!;
    }
  }
  const cost = objective === 'night-care' ? time : meters;
  const timeIn = transposed(time, size);

  const service = new Float64Array(size);
  const demand = new Float64Array(size);
  const open = new Float64Array(size);
  const close = new Float64Array(size);
  const multiWindow = new Uint8Array(size);
  const windowOffset = new Int32Array(size + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  const requiredSkills = new Int32Array(n);
  const penalty = new Float64Array(n);
  const skillIndex = new Map<string, number>();
  problem.visits.forEach((v, i) => {
    const ws = effectiveWindows(v);
    windowOffset[i] = starts.length;
    for (const w of ws) {
      starts.push(w.start);
      ends.push(w.end);
    }
    // A visit whose windows all lie after its deadline can never be served: an empty envelope.
    open[i] = ws.length > 0 ? ws[0]!.start : Infinity;
    close[i] = ws.length > 0 ? ws[ws.length - 1]!.end : -Infinity;
    multiWindow[i] = ws.length > 1 ? 1 : 0;
    service[i] = v.serviceDuration;
    demand[i] = v.demand ?? 0;
    requiredSkills[i] = skillBits(v.requiredSkills, skillIndex);
    penalty[i] = v.acute ? ACUTE_PENALTY : PLANNED_PENALTY * Math.max(1, v.priority ?? 1);
  });
  for (let i = n; i <= size; i++) windowOffset[i] = starts.length;

  const vehicleSkills = new Int32Array(nv);
  const capacity = new Float64Array(nv);
  const vehicleType = new Int32Array(nv);
  const typeKeys = new Map<string, number>();
  problem.vehicles.forEach((v, k) => {
    for (const node of [n + k, n + nv + k]) {
      open[node] = v.shiftStart;
      close[node] = v.shiftEnd;
    }
    vehicleSkills[k] = skillBits(v.skills, skillIndex);
    capacity[k] = v.capacity ?? Infinity;
    const key = [v.startLocation, v.endLocation, v.shiftStart, v.shiftEnd, vehicleSkills[k], capacity[k]].join('|');
    if (!typeKeys.has(key)) typeKeys.set(key, typeKeys.size);
    vehicleType[k] = typeKeys.get(key)!;
  });
  // Skills may be first seen on a vehicle after a visit was compiled; bits are stable, so no recompute.
  return {
    objective,
    nVisits: n,
    nVehicles: nv,
    nNodes: size,
    time,
    cost,
    timeIn,
    costIn: cost === time ? timeIn : transposed(cost, size),
    meters,
    service,
    demand,
    open,
    close,
    multiWindow,
    windowOffset,
    windowStart: Float64Array.from(starts),
    windowEnd: Float64Array.from(ends),
    requiredSkills,
    vehicleSkills,
    capacity,
    vehicleType,
    nTypes: typeKeys.size,
    penalty,
    angle: buildAngles(problem, loc),
    neighbours: buildNeighbours(n, size, cost),
    visitIds: problem.visits.map((v) => v.id),
    vehicleIds: problem.vehicles.map((v) => v.id),
  };
}

/** Earliest service start when arriving at `arrival`, or Infinity when every window has closed. */
export function serviceStart(cp: CompiledProblem, node: number, arrival: number): number {
  if (cp.multiWindow[node] === 0) {
    const s = arrival < cp.open[node]! ? cp.open[node]! : arrival;
    return s <= cp.close[node]! + EPS ? s : Infinity;
  }
  for (let k = cp.windowOffset[node]!; k < cp.windowOffset[node + 1]!; k++) {
    if (arrival <= cp.windowEnd[k]! + EPS) return arrival < cp.windowStart[k]! ? cp.windowStart[k]! : arrival;
  }
  return Infinity;
}

/** Latest service start not after `bound` that lies in a window, or -Infinity. */
export function latestStart(cp: CompiledProblem, node: number, bound: number): number {
  if (cp.multiWindow[node] === 0) return bound < cp.close[node]! ? bound : cp.close[node]!;
  for (let k = cp.windowOffset[node + 1]! - 1; k >= cp.windowOffset[node]!; k--) {
    if (cp.windowStart[k]! <= bound) return bound < cp.windowEnd[k]! ? bound : cp.windowEnd[k]!;
  }
  return -Infinity;
}

/**
 * Slack for floating-point noise: latest starts are computed backwards by subtraction, so an exactly
 * tight schedule (common in Solomon optima) can differ from the forward pass in the last bits.
 */
export const EPS = 1e-7;
