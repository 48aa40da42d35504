import { euclideanMatrix } from './solomon.js';
import type { Location, Problem, Vehicle, Visit } from './model.js';
import type { Random } from './random.js';

/**
 * Random small instances for the property tests: planar coordinates, one or two windows per visit,
 * optional skills and capacity, heterogeneous vehicles. Lives beside the tests that use it.
 */
export function randomInstance(rng: Random, nVisits: number, nVehicles: number): Problem {
  const locations: Location[] = [{ x: 50, y: 50 }];
  const visits: Visit[] = [];
  for (let i = 0; i < nVisits; i++) {
    locations.push({ x: rng.int(101), y: rng.int(101) });
    const a = rng.int(300);
    const windows = rng.next() < 0.2 ? [{ start: a, end: a + 40 }, { start: a + 120, end: a + 200 }] : [{ start: a, end: a + 20 + rng.int(200) }];
    visits.push({
      id: `c${i + 1}`,
      location: i + 1,
      windows,
      serviceDuration: rng.int(20),
      demand: 1 + rng.int(10),
      requiredSkills: rng.next() < 0.2 ? ['wound-care'] : [],
      acute: rng.next() < 0.1 ? { deadline: a + 60 } : undefined,
    });
  }
  const vehicles: Vehicle[] = [];
  for (let k = 0; k < nVehicles; k++) {
    vehicles.push({
      id: `n${k + 1}`,
      shiftStart: 0,
      shiftEnd: 500 + rng.int(200),
      startLocation: 0,
      endLocation: 0,
      skills: k % 2 === 0 ? ['wound-care'] : [],
      capacity: 20 + rng.int(30),
    });
  }
  return { locations, matrix: euclideanMatrix(locations), vehicles, visits };
}
