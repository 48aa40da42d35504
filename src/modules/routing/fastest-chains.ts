import type { TravelMatrix } from './model.js';

/**
 * A road matrix with every pair's drive made no slower than a chain of drives past other addresses
 * (Floyd–Warshall on the seconds); a pair that takes a chain takes its meters too, so both describe
 * one drive. Driving past an address is a real drive, so no time is invented.
 *
 * Why: a road matrix breaks the triangle inequality (OSRM snaps each coordinate to its nearest road,
 * and a one-way street or the far carriageway can make the direct drive slower than one past a third
 * address), and the planner's scans stop early on the assumption that a detour never arrives sooner
 * (`Recreator`'s scans, SWAP*): on such a matrix they would miss feasible positions. The
 * offline estimate needs none of this (great-circle meters at speeds that rise with the distance).
 * O(n³) on a copy: about 2 s for 1,000 addresses on our 2-core machine, 6 ms for a night's 100 (cold).
 */
export function fastestChains(matrix: TravelMatrix): TravelMatrix {
  const n = matrix.size;
  const seconds = Float64Array.from(matrix.seconds);
  const meters = Float64Array.from(matrix.meters);
  // Staying put takes no time (the planner reads the diagonal as 0), so no chain replaces it.
  for (let i = 0; i < n; i++) seconds[i * n + i] = meters[i * n + i] = 0;
  for (let k = 0; k < n; k++) {
    const kRow = k * n;
    for (let i = 0; i < n; i++) {
      const iRow = i * n;
      const toK = seconds[iRow + k]!;
      const metersToK = meters[iRow + k]!;
      for (let j = 0; j < n; j++) {
        const via = toK + seconds[kRow + j]!;
        if (via < seconds[iRow + j]!) {
          seconds[iRow + j] = via;
          meters[iRow + j] = metersToK + meters[kRow + j]!;
        }
      }
    }
  }
  return { size: n, seconds, meters };
}
