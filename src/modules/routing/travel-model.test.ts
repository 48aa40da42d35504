import { describe, expect, it } from 'vitest';
import { createHaversineTravelModel, driveSeconds, haversineMeters } from './travel-model.js';

const assen = { x: 6.5625, y: 52.9928 };
const emmen = { x: 6.9069, y: 52.7792 };

describe('haversine travel model', () => {
  it('measures Assen–Emmen as about 33 km great-circle', () => {
    expect(haversineMeters(assen, emmen) / 1000).toBeCloseTo(33.4, 0);
  });

  it('applies the detour factor and drives long legs faster on average', async () => {
    const m = await createHaversineTravelModel().matrix([assen, emmen, assen]);
    expect(m.meters[1]).toBeCloseTo(haversineMeters(assen, emmen) * 1.3, 6);
    expect(m.meters[2]).toBe(0);
    expect(m.seconds[1]).toBe(m.seconds[3]);
    const shortKmh = 1.5 / (driveSeconds(1500) / 3600);
    const longKmh = 40 / (driveSeconds(40_000) / 3600);
    expect(shortKmh).toBeCloseTo(30, 6);
    expect(longKmh).toBeGreaterThan(60);
  });
});
