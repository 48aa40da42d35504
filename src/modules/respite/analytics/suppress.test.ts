import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressRow } from './suppress.js';

/** The largest cell the checker tries for a hidden one; above every minimum group the property draws. */
const MAX_CELL = 9;

/** Every row the reader cannot tell apart from the published one: same shown cells, any value in the hidden ones. */
function* rowsAgreeingWith(shown: readonly (number | null)[]): Generator<number[]> {
  if (shown.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = shown;
  for (const tail of rowsAgreeingWith(rest)) {
    if (first !== null && first !== undefined) yield [first, ...tail];
    else for (let n = 0; n <= MAX_CELL; n++) yield [n, ...tail];
  }
}

/**
 * An independent check: a reader who knows the shown figures and the rule itself tries every row the rule
 * would have published exactly so; a hidden cell is derivable when all of those rows agree on it.
 */
function derivableCells(cells: readonly number[], minGroup: number): number[] {
  const sum = (row: readonly number[]) => row.reduce((a, b) => a + b, 0);
  const published = JSON.stringify(suppressRow(sum(cells), cells, minGroup));
  const hidden = suppressRow(sum(cells), cells, minGroup).cells;
  const candidates = [...rowsAgreeingWith(hidden)].filter((row) => JSON.stringify(suppressRow(sum(row), row, minGroup)) === published);
  return hidden.flatMap((n, i) => (n === null && new Set(candidates.map((row) => row[i])).size === 1 ? [i] : []));
}

describe('small-cell suppression of a row with its total', () => {
  it('hides the total with any small cell, so the total minus the cells shown gives nothing back', () => {
    expect(suppressRow(6, [5, 1], 5)).toEqual({ total: null, cells: [5, null] });
    expect(suppressRow(16, [5, 0, 9, 2], 5)).toEqual({ total: null, cells: [5, 0, 9, null] });
    expect(suppressRow(3, [2, 1], 5)).toEqual({ total: null, cells: [null, null] });
    expect(suppressRow(14, [5, 0, 9], 5)).toEqual({ total: 14, cells: [5, 0, 9] });
    expect(suppressRow(0, [0, 0], 5)).toEqual({ total: 0, cells: [0, 0] });
  });

  it('never leaves a hidden count that can be derived from the shown figures (any row, minimum groups of 3 to 6)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: MAX_CELL }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 3, max: 6 }), (cells, minGroup) => {
        expect(derivableCells(cells, minGroup)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('has a checker that finds the cell the old rule (small cells only) left derivable', () => {
    const oldRule = (row: readonly number[]) => ({ total: row.reduce((a, b) => a + b, 0), cells: row.map((n) => (n > 0 && n < 5 ? null : n)) });
    const published = JSON.stringify(oldRule([5, 1]));
    const candidates = [...rowsAgreeingWith([5, null])].filter((row) => JSON.stringify(oldRule(row)) === published);
    expect(candidates).toEqual([[5, 1]]);
  });
});
