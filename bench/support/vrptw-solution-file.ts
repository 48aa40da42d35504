import { checkSolution, parseSolomon, type CheckReport, type Problem } from '../../src/modules/routing/index.js';

/**
 * Reads a published VRPTW solution file into routes of Solomon customer numbers, so that the
 * independent checker can re-evaluate it. Two formats are in use for the Solomon instances:
 * - SINTEF TOP's text format ("Route 1 : 012 014 015"), which other collections copy;
 * - LKH-3's TOUR format: one node per line after TOUR_SECTION, ending with -1; node 1 is the depot,
 *   node k + 1 customer k, and every node past the customers is a copy of the depot that starts a route.
 */
export function routesFromSolutionFile(text: string, customers: number): string[][] {
  if (/^TOUR_SECTION\s*$/m.test(text)) return routesFromTour(text, customers);
  const routes = text
    .split(/\r?\n/)
    .filter((line) => /^Route\s+\d+\s*:/.test(line))
    // Number() drops SINTEF's leading zeros ("012" is customer 12).
    .map((line) => line.slice(line.indexOf(':') + 1).trim().split(/\s+/).filter(Boolean).map((id) => String(Number(id))));
  if (routes.length === 0) throw new SyntaxError('solution file: neither "Route k : …" lines nor a TOUR_SECTION');
  return routes.filter((r) => r.length > 0);
}

function routesFromTour(text: string, customers: number): string[][] {
  const nodes = text.slice(text.search(/^TOUR_SECTION\s*$/m)).split(/\s+/).slice(1).map(Number);
  const routes: string[][] = [];
  let route: string[] = [];
  for (const node of nodes) {
    if (node === -1) break;
    if (node === 1 || node > customers + 1) {
      if (route.length > 0) routes.push(route);
      route = [];
    } else {
      route.push(String(node - 1));
    }
  }
  if (route.length > 0) routes.push(route);
  return routes;
}

export interface SolutionFileCheck {
  readonly routes: readonly (readonly string[])[];
  readonly report: CheckReport;
}

/**
 * Re-evaluates a solution file against a Solomon instance under the benchmark's convention: exact
 * double Euclidean distances, time = distance, service starts within the window.
 */
export function checkSolutionFile(instanceText: string, solutionText: string): SolutionFileCheck {
  const { problem } = parseSolomon(instanceText);
  const routes = routesFromSolutionFile(solutionText, problem.visits.length);
  return { routes, report: checkRoutes(problem, routes) };
}

/**
 * Re-evaluates routes of visit ids (another solver's answer, a published file) with the independent
 * checker, under the same convention.
 */
export function checkRoutes(problem: Problem, routes: readonly (readonly string[])[]): CheckReport {
  if (routes.length > problem.vehicles.length) throw new RangeError(`solution: ${routes.length} routes, the instance has ${problem.vehicles.length} vehicles`);
  // Only the visit order is given; the checker recomputes everything else, so the figures a solver
  // would report with its routes are left unknown.
  const unknown = Number.NaN;
  const solution = {
    routes: routes.map((visits, k) => ({ vehicleId: problem.vehicles[k]!.id, visits: [...visits], stops: [], end: unknown, distance: unknown, travelTime: unknown })),
    unassigned: [],
    vehicles: routes.length,
    distance: unknown,
    travelTime: unknown,
  };
  return checkSolution(problem, solution, { distances: 'euclidean' });
}
