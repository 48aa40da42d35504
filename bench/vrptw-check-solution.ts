/**
 * Re-evaluates published solution files of a Solomon instance with the independent checker, under the
 * benchmark's convention (exact double distances, no truncation): routes, distance, feasibility. This is
 * how the rows of bench/reference/solomon-bks-distance-checked.json were checked.
 *   npm run bench:vrptw-check-solution -- --instance R109 --file r109.txt [--file R109.100.13.11469.tour]
 * Reads SINTEF's "Route k : …" text format and LKH-3's TOUR format. VRPTW_DATA overrides where the
 * instances are read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolutionFile } from './support/vrptw-solution-file.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(repoRoot, process.env.VRPTW_DATA ?? '../shared/benchmarks/vrptw');

const { values } = parseArgs({ options: { instance: { type: 'string' }, file: { type: 'string', multiple: true } } });
if (!values.instance || !values.file?.length) throw new Error('usage: --instance R109 --file <solution file> [--file …]');
const instanceText = readFileSync(path.join(dataDir, 'solomon', `${values.instance.toUpperCase()}.txt`), 'utf8');
for (const file of values.file) {
  const { routes, report } = checkSolutionFile(instanceText, readFileSync(file, 'utf8'));
  console.log(`${path.basename(file)}: ${report.vehicles} routes, distance ${report.distance.toFixed(4)}, ${report.feasible ? 'feasible' : `INFEASIBLE (${report.violations.length} violations)`}`);
  for (const v of report.violations) console.log(`  ${v.kind}: ${v.message}`);
  routes.forEach((r, k) => console.log(`  route ${k + 1}: ${r.join(' ')}`));
}
