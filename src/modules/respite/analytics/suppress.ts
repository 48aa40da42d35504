/**
 * Small-cell suppression: a figure that rests on at least one but fewer than `minGroup` people is not
 * shown (null), so nobody is recognisable in a small municipality or a quiet month. Zero is shown: it
 * identifies nobody.
 */
export const suppressCount = (n: number, minGroup: number): number | null => (n > 0 && n < minGroup ? null : n);

/** A figure derived from `n` people (a mean, a share, a median): hidden with its count. */
export const suppressFigure = <T>(value: T, n: number, minGroup: number): T | null => (n > 0 && n < minGroup ? null : value);

/**
 * A row of counts with its total, suppressed so no hidden cell can be recomputed from what is shown. A
 * total below the minimum hides the whole row. Otherwise small cells are hidden, and with any of them the
 * total too: shown, the total minus the cells shown would give a single hidden cell back, and hiding a
 * second cell instead still leaks where the cells shown as zero pin the hidden ones down. So a reader knows
 * of a hidden cell only what the rule says: between 1 and the minimum minus one.
 */
export function suppressRow(total: number, cells: readonly number[], minGroup: number): { total: number | null; cells: (number | null)[] } {
  if (total > 0 && total < minGroup) return { total: null, cells: cells.map(() => null) };
  const shown = cells.map((n) => suppressCount(n, minGroup));
  return { total: shown.includes(null) ? null : total, cells: shown };
}
