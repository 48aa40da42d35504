import { describe, expect, it } from 'vitest';
import { fastestChains } from './fastest-chains.js';
import type { TravelMatrix } from './model.js';
import { createRandom } from './random.js';

const matrix = (seconds: number[], meters: number[]): TravelMatrix => ({ size: Math.sqrt(seconds.length), seconds: Float64Array.from(seconds), meters: Float64Array.from(meters) });

/** Shortest drives by relaxing every arc until nothing changes (Bellman–Ford from every address). */
function relaxed(m: TravelMatrix): { seconds: number[]; meters: number[] } {
  const n = m.size;
  const seconds = Array.from(m.seconds, (v, k) => (Math.floor(k / n) === k % n ? 0 : v));
  const meters = Array.from(m.meters, (v, k) => (Math.floor(k / n) === k % n ? 0 : v));
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++)
        for (let j = 0; j < n; j++) {
          if (seconds[i * n + k]! + m.seconds[k * n + j]! < seconds[i * n + j]! && i !== j) {
            seconds[i * n + j] = seconds[i * n + k]! + m.seconds[k * n + j]!;
            meters[i * n + j] = meters[i * n + k]! + m.meters[k * n + j]!;
            changed = true;
          }
        }
  }
  return { seconds, meters };
}

describe('fastest chains of drives', () => {
  it('replaces a direct drive slower than one past a third address, with that chain’s meters, and leaves the input as it was', () => {
    // 0 → 2 directly: 100 s over 900 m (a one-way street); past 1: 30 + 40 s over 200 + 300 m.
    const input = matrix([0, 30, 100, 30, 0, 40, 100, 40, 0], [0, 200, 900, 200, 0, 300, 900, 300, 0]);
    const out = fastestChains(input);
    expect([...out.seconds]).toEqual([0, 30, 70, 30, 0, 40, 70, 40, 0]);
    expect([...out.meters]).toEqual([0, 200, 500, 200, 0, 300, 500, 300, 0]);
    expect(input.seconds[2]).toBe(100);
  });

  it('reaches a pair OSRM could not route directly through an address both can reach, and keeps an island unreachable', () => {
    const far = 1e9;
    const out = fastestChains(matrix([0, 10, far, far, 10, 0, 20, far, far, 20, 0, far, far, far, far, 0], [0, 1, far, far, 1, 0, 2, far, far, 2, 0, far, far, far, far, 0]));
    expect(out.seconds[0 * 4 + 2]).toBe(30);
    expect(out.meters[0 * 4 + 2]).toBe(3);
    expect(out.seconds[0 * 4 + 3]).toBe(far);
  });

  it('gives every pair its fastest chain on random one-way matrices, so no third address is a shortcut', () => {
    const rng = createRandom(7);
    for (let round = 0; round < 6; round++) {
      const n = 14;
      const seconds: number[] = [];
      const meters: number[] = [];
      for (let k = 0; k < n * n; k++) {
        // Half the pairs are slowed by a detour, so many chains win.
        const s = 60 + rng.next() * 600 * (rng.next() < 0.5 ? 3 : 1);
        seconds.push(Math.floor(k / n) === k % n ? 0 : s);
        meters.push(s * (8 + rng.next() * 8));
      }
      const input = matrix(seconds, meters);
      const out = fastestChains(input);
      const expected = relaxed(input);
      for (let k = 0; k < n * n; k++) {
        expect(out.seconds[k]).toBeCloseTo(expected.seconds[k]!, 9);
        expect(out.meters[k]).toBeCloseTo(expected.meters[k]!, 6);
        expect(out.seconds[k]).toBeLessThanOrEqual(input.seconds[k]!);
      }
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          for (let k = 0; k < n; k++) expect(out.seconds[i * n + j]).toBeLessThanOrEqual(out.seconds[i * n + k]! + out.seconds[k * n + j]! + 1e-9);
    }
  });
});
