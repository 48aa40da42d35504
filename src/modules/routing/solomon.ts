import type { Location, Problem, TravelMatrix, Visit } from './model.js';

/** Exact Euclidean distances in double precision (the Solomon convention: travel time = distance). */
export function euclideanMatrix(locations: readonly Location[]): TravelMatrix {
  const size = locations.length;
  const meters = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const dx = locations[i]!.x - locations[j]!.x;
      const dy = locations[i]!.y - locations[j]!.y;
      meters[i * size + j] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  return { size, seconds: meters, meters };
}

export interface SolomonInstance {
  readonly name: string;
  readonly problem: Problem;
}

/**
 * Parses the Solomon (1987) text format: name, VEHICLE block (fleet size, capacity), CUSTOMER block
 * with one row per node, row 0 being the depot. Tolerates CRLF line endings.
 */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? '';
  const vehicleAt = lines.findIndex((l) => l.toUpperCase() === 'VEHICLE');
  const fleetLine = lines.slice(vehicleAt + 1).find((l) => /^\d+\s+\d+$/.test(l));
  if (vehicleAt < 0 || !fleetLine) throw new SyntaxError('Solomon: missing VEHICLE block');
  const [fleet, capacity] = fleetLine.split(/\s+/).map(Number) as [number, number];
  const customerAt = lines.findIndex((l) => l.toUpperCase() === 'CUSTOMER');
  const rows = lines
    .slice(customerAt + 1)
    .filter((l) => /^\d/.test(l))
    .map((l) => l.split(/\s+/).map(Number));
  if (rows.length < 2 || rows.some((r) => r.length !== 7)) throw new SyntaxError('Solomon: bad CUSTOMER rows');
  const locations: Location[] = rows.map((r) => ({ x: r[1]!, y: r[2]! }));
  const depot = rows[0]!;
  const visits: Visit[] = rows.slice(1).map((r, i) => ({
    id: String(r[0]),
    location: i + 1,
    windows: [{ start: r[4]!, end: r[5]! }],
    serviceDuration: r[6]!,
    demand: r[3]!,
  }));
  const vehicles = Array.from({ length: fleet }, (_, k) => ({
    id: `v${k + 1}`,
    shiftStart: depot[4]!,
    shiftEnd: depot[5]!,
    startLocation: 0,
    endLocation: 0,
    capacity,
  }));
  return { name, problem: { locations, matrix: euclideanMatrix(locations), vehicles, visits } };
}
