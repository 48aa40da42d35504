/**
 * Reading the roll-ups' approximations (migration 0037): persons from a bitmap of client hashes, and
 * percentiles of lead times from a histogram. Pure functions, so their error bounds are tested alone.
 */

/** Bits of the persons bitmap; each client sets one (hashtext of its id, 13 bits). */
export const PERSON_BITS = 8192;

/**
 * Persons from the bits a group's clients set (linear counting): collisions only ever hide a person,
 * so the bits are a lower bound and the estimate corrects for the expected collisions. It never
 * exceeds the number of steps (each step is one person's). About 1 % off at 10,000 persons.
 */
export function estimatePersons(bits: number, steps: number): number {
  const zeros = PERSON_BITS - bits;
  const estimate = zeros > 0 ? -PERSON_BITS * Math.log(zeros / PERSON_BITS) : Number.POSITIVE_INFINITY;
  return Math.round(Math.min(Math.max(estimate, bits), steps));
}

/** 8 buckets per doubling from 1/8 hour: each bucket spans 9 % of its lower edge. */
export const BUCKETS_PER_DOUBLING = 8;
export const FIRST_EDGE_HOURS = 0.125;

export interface Bucket {
  /** How many lead times of the group lie in the buckets below this one. */
  before: number;
  n: number;
  /** Sum, least and greatest lead time in the bucket. */
  hours: number;
  least: number;
  greatest: number;
}

/**
 * The i-th smallest lead time (0-based) as well as the histogram tells: a bucket of one holds its
 * value exactly, a bucket of two its least and greatest; in a larger bucket the values in between are
 * spread evenly from its least to its greatest. So the answer always lies in the true value's bucket.
 */
function orderStatistic(buckets: Bucket[], i: number): number {
  const b = buckets.find((x) => i >= x.before && i < x.before + x.n);
  if (!b) return Number.NaN;
  return b.n === 1 ? b.hours : b.least + ((b.greatest - b.least) * (i - b.before)) / (b.n - 1);
}

export const QUANTILES = [0.25, 0.5, 0.75, 0.9] as const;

/**
 * Percentiles as PostgreSQL's percentile_cont computes them (linear between the two order statistics
 * around q·(n−1)) of `n` lead times, from the buckets that hold those order statistics (others may be
 * left out): exact where they sit in buckets of one or two, otherwise within the width of their bucket.
 */
export function percentiles(buckets: Bucket[], n: number, qs: readonly number[] = QUANTILES): number[] | null {
  if (n === 0) return null;
  return qs.map((q) => {
    const rank = q * (n - 1);
    const below = Math.floor(rank);
    const low = orderStatistic(buckets, below);
    return rank === below ? low : low + (rank - below) * (orderStatistic(buckets, below + 1) - low);
  });
}
