/** The SQLSTATE (or network error code) that pg attached to an error, if any. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint refused the row (23505). */
export const isUniqueViolation = (error: unknown): boolean => sqlStateOf(error) === '23505';

/** An exclusion constraint refused the row (23P01), such as a respite bed's overlapping nights. */
export const isExclusionViolation = (error: unknown): boolean => sqlStateOf(error) === '23P01';
