/**
 * Small-cell suppression: a figure that rests on at least one but fewer than `minGroup` people is not
 * shown (null), so nobody is recognisable in a small municipality or a quiet month. Zero is shown: it
 * identifies nobody.
 */
export const suppressCount = (n: number, minGroup: number): number | null => (n > 0 && n < minGroup ? null : n);

/** A figure derived from `n` people (a mean, a share, a median): hidden with its count. */
export const suppressFigure = <T>(value: T, n: number, minGroup: number): T | null => (n > 0 && n < minGroup ? null : value);
