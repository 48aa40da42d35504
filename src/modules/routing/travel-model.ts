import type { Location, TravelMatrix } from './model.js';

/** Gives travel seconds and meters between every pair of locations (x = longitude, y = latitude). */
export interface TravelModel {
  matrix(locations: readonly Location[]): Promise<TravelMatrix>;
}

/** Above `fromMeters` of road distance, the vehicle drives at `kmh`. */
export interface SpeedBand {
  readonly fromMeters: number;
  readonly kmh: number;
}

export interface HaversineOptions {
  /** Road distance over great-circle distance; about 1.3 in rural Dutch regions. */
  readonly detourFactor?: number;
  /** Bands in increasing order; the first must start at 0. */
  readonly speeds?: readonly SpeedBand[];
}

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Progressive bands: the first km of a leg are slow (streets), longer legs reach provincial roads
 * and motorways. Progressive rather than per-leg speeds so time grows continuously with distance.
 */
export const DEFAULT_SPEEDS: readonly SpeedBand[] = [
  { fromMeters: 0, kmh: 30 },
  { fromMeters: 2_000, kmh: 50 },
  { fromMeters: 10_000, kmh: 70 },
  { fromMeters: 30_000, kmh: 95 },
];

export function haversineMeters(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const dLat = (b.y - a.y) * rad;
  const dLon = (b.x - a.x) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.y * rad) * Math.cos(b.y * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function driveSeconds(meters: number, speeds: readonly SpeedBand[] = DEFAULT_SPEEDS): number {
  let seconds = 0;
  for (let i = 0; i < speeds.length; i++) {
    const from = speeds[i]!.fromMeters;
    const to = speeds[i + 1]?.fromMeters ?? Infinity;
    if (meters <= from) break;
    seconds += (Math.min(meters, to) - from) / (speeds[i]!.kmh / 3.6);
  }
  return seconds;
}

/** Offline default: great-circle distance times a detour factor, driven at banded road speeds. */
export function createHaversineTravelModel(options: HaversineOptions = {}): TravelModel {
  const detour = options.detourFactor ?? 1.3;
  const speeds = options.speeds ?? DEFAULT_SPEEDS;
  return {
    matrix: (locations) => Promise.resolve(haversineMatrix(locations, detour, speeds)),
  };
}

export function haversineMatrix(locations: readonly Location[], detour = 1.3, speeds: readonly SpeedBand[] = DEFAULT_SPEEDS): TravelMatrix {
  const size = locations.length;
  const meters = new Float64Array(size * size);
  const seconds = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const m = haversineMeters(locations[i]!, locations[j]!) * detour;
      const s = driveSeconds(m, speeds);
      meters[i * size + j] = meters[j * size + i] = m;
      seconds[i * size + j] = seconds[j * size + i] = s;
    }
  }
  return { size, meters, seconds };
}
