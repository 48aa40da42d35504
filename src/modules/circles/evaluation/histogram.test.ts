import { describe, expect, it } from 'vitest';
import { BUCKETS_PER_DOUBLING, estimatePersons, FIRST_EDGE_HOURS, percentiles, PERSON_BITS, type Bucket } from './histogram.js';

/** The buckets migration 0037 writes (evaluation_bucket), built here from raw lead times. */
function histogram(values: number[]): Bucket[] {
  const byBucket = new Map<number, number[]>();
  for (const v of values) {
    const bucket = v < FIRST_EDGE_HOURS ? 0 : Math.min(160, 1 + Math.floor(BUCKETS_PER_DOUBLING * Math.log2(v / FIRST_EDGE_HOURS)));
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), v]);
  }
  let before = 0;
  return [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, vs]) => {
      const bucket = { before, n: vs.length, hours: vs.reduce((s, v) => s + v, 0), least: Math.min(...vs), greatest: Math.max(...vs) };
      before += vs.length;
      return bucket;
    });
}

/** PostgreSQL's percentile_cont. */
function exactPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = sorted[Math.floor(rank)] ?? Number.NaN;
  return low + (rank - Math.floor(rank)) * ((sorted[Math.ceil(rank)] ?? low) - low);
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('percentiles from the lead-time histogram', () => {
  it('is exact when every value has a bucket of its own or shares it with one other', () => {
    const values = [10, 20, 30, 40, 100, 100.5];
    const qs = [0.25, 0.5, 0.75, 0.9];
    expect(percentiles(histogram(values), values.length, qs)).toEqual(qs.map((q) => exactPercentile(values, q)));
  });

  it('stays within one bucket (9 %) of percentile_cont over thousands of lead times', () => {
    const next = random(42);
    for (let run = 0; run < 20; run++) {
      // Lead times as the pathways have them: 0.2–2.2 × norms of 8 hours to two weeks.
      const values = Array.from({ length: 2000 }, () => [8, 24, 48, 168, 336][Math.floor(next() * 5)]! * (0.2 + 2 * next()));
      for (const q of [0.25, 0.5, 0.75, 0.9]) {
        const exact = exactPercentile(values, q);
        const [estimate = Number.NaN] = percentiles(histogram(values), values.length, [q]) ?? [];
        expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * (2 ** (1 / BUCKETS_PER_DOUBLING) - 1));
      }
    }
  });

  it('needs only the buckets around the percentiles', () => {
    const values = Array.from({ length: 500 }, (_, i) => 1 + i * 0.7);
    const all = histogram(values);
    const needed = all.filter((b) => [0.25, 0.5, 0.75, 0.9].some((q) => Math.floor(q * 499) < b.before + b.n && Math.ceil(q * 499) >= b.before));
    expect(needed.length).toBeLessThan(all.length / 4);
    expect(percentiles(needed, 500)).toEqual(percentiles(all, 500));
  });

  it('gives nothing for an empty histogram', () => {
    expect(percentiles([], 0, [0.5])).toBeNull();
  });
});

describe('persons from the bitmap', () => {
  it('never shows fewer persons than bits set, nor more than steps', () => {
    expect(estimatePersons(0, 0)).toBe(0);
    expect(estimatePersons(5, 5)).toBe(5);
    expect(estimatePersons(PERSON_BITS, 100_000)).toBe(100_000);
    expect(estimatePersons(PERSON_BITS, 9000)).toBe(9000);
  });

  it('estimates thousands of persons within 3 % from the bits their hashes set', () => {
    const next = random(7);
    for (const persons of [100, 2000, 10_000, 25_000]) {
      const bits = new Set(Array.from({ length: persons }, () => Math.floor(next() * PERSON_BITS))).size;
      expect(Math.abs(estimatePersons(bits, persons * 3) - persons) / persons).toBeLessThan(0.03);
    }
  });
});
