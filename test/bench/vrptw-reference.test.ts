import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedReference, parseBksCsv, parseCheckedRows, type CheckedRow } from '../../bench/support/vrptw-reference.js';
import { checkRoutes, checkSolutionFile, routesFromSolutionFile } from '../../bench/support/vrptw-solution-file.js';
import { parseSolomon } from '../../src/modules/routing/index.js';

/** Depot at the origin; customers 1 and 2 on one ray (5 and 10 away), customer 3 at 5 on another. */
function instance(dueOfCustomer2: number): string {
  const row = (id: number, x: number, y: number, demand: number, ready: number, due: number) => `  ${id}  ${x}  ${y}  ${demand}  ${ready}  ${due}  0`;
  return [
    'TINY',
    '',
    'VEHICLE',
    'NUMBER     CAPACITY',
    '  3         10',
    '',
    'CUSTOMER',
    'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
    ' ',
    row(0, 0, 0, 0, 0, 100),
    row(1, 3, 4, 1, 0, 100),
    row(2, 6, 8, 1, 0, dueOfCustomer2),
    row(3, 0, 5, 1, 0, 100),
  ].join('\r\n');
}

const sintef = 'Instance Name : tiny\r\nSolution\r\nRoute 1 : 001 002\r\nRoute 2 : 003\r\n';
// Node 1 is the depot, nodes 2..4 the customers 1..3, node 5 a depot copy that starts the second route.
const lkh = 'NAME : TINY.300.tour\nTYPE : TOUR\nDIMENSION : 5\nTOUR_SECTION\n1\n2\n3\n5\n4\n-1\nEOF\n';

describe('published VRPTW solution files', () => {
  it('reads SINTEF routes without their leading zeros and LKH-3 tours split at the depot copies', () => {
    expect(routesFromSolutionFile(sintef, 3)).toEqual([['1', '2'], ['3']]);
    expect(routesFromSolutionFile(lkh, 3)).toEqual([['1', '2'], ['3']]);
  });

  it('re-evaluates a file with exact distances: 5 + 5 + 10 on one route, 5 + 5 on the other', () => {
    for (const file of [sintef, lkh]) {
      const { report } = checkSolutionFile(instance(100), file);
      expect(report.feasible).toBe(true);
      expect(report.vehicles).toBe(2);
      expect(report.distance).toBeCloseTo(30, 12);
    }
  });

  it('reports a plan that reaches a customer after its window closes as infeasible', () => {
    const { report } = checkSolutionFile(instance(9), sintef);
    expect(report.feasible).toBe(false);
    expect(report.violations.map((v) => [v.kind, v.visitId])).toEqual([['time-window', '2']]);
  });

  it('refuses a text that is in neither format', () => {
    expect(() => routesFromSolutionFile('total 1151.89\n', 3)).toThrow(SyntaxError);
  });

  it('checks bare routes, as another solver returns them, the same way', () => {
    const { problem } = parseSolomon(instance(100));
    expect(checkRoutes(problem, [['1', '2'], ['3']])).toMatchObject({ feasible: true, vehicles: 2 });
    // A customer left out makes the plan infeasible, not merely shorter.
    const partial = checkRoutes(problem, [['1', '2']]);
    expect(partial.feasible).toBe(false);
    expect(partial.violations.map((v) => v.visitId)).toContain('3');
    expect(() => checkRoutes(problem, [['1'], ['2'], ['3'], []])).toThrow(/4 routes, the instance has 3 vehicles/);
  });
});

describe('the checked distance-only reference', () => {
  const file = parseBksCsv('instance,vehicles,distance,source\nR108,10,947.55,x\nR109,13,1101.37,y\n');
  const row: CheckedRow = {
    instance: 'R109',
    replaces: { vehicles: 13, distance: 1101.37 },
    vehicles: 13,
    distance: 1151.8893,
    repository: 'owner/name',
    path: 'r109.txt',
    commit: 'a'.repeat(40),
    why: 'below the truncated best-known value',
  };

  it('replaces only the checked rows', () => {
    const reference = checkedReference(file, [row]);
    expect(reference.get('R109')).toEqual({ vehicles: 13, distance: 1151.8893 });
    expect(reference.get('R108')).toEqual({ vehicles: 10, distance: 947.55 });
    expect(file.get('R109')).toEqual({ vehicles: 13, distance: 1101.37 });
  });

  it('stops when the best-known file no longer has the value a row replaces', () => {
    expect(() => checkedReference(file, [{ ...row, replaces: { vehicles: 13, distance: 1100 } }])).toThrow(/now says 13 \/ 1101.37/);
    expect(() => checkedReference(file, [{ ...row, instance: 'R110' }])).toThrow(/not in the best-known file/);
  });

  it('accepts a row only with the repository, path and full commit of its solution file', () => {
    const json = (r: object) => JSON.stringify({ rows: [r] });
    expect(parseCheckedRows(json(row))).toEqual([row]);
    expect(() => parseCheckedRows(json({ ...row, commit: 'a'.repeat(7) }))).toThrow(SyntaxError);
    expect(() => parseCheckedRows(json({ ...row, path: '' }))).toThrow(SyntaxError);
    expect(() => parseCheckedRows(json({ ...row, replaces: undefined }))).toThrow(SyntaxError);
  });

  it('reads the benchmark data file: every row sourced and longer than the value it replaces', () => {
    const rows = parseCheckedRows(readFileSync(path.resolve(import.meta.dirname, '../../bench/reference/solomon-bks-distance-checked.json'), 'utf8'));
    expect(rows.map((r) => r.instance)).toEqual(['R109', 'RC103']);
    for (const r of rows) expect(r.distance).toBeGreaterThan(r.replaces.distance);
  });
});
