import { describe, expect, it } from 'vitest';
import { coverageOf, postcode4 } from './coverage.js';

describe('coverage', () => {
  const nurse = { latitude: 52.78, longitude: 6.9 };
  // 0.42° north is 46.7 km, × 1.3 for roads = 60.7 km: 2 km at 30, 8 at 50, 20 at 70 and 30.7 at 95 km/h ≈ 50 minutes.
  const far = { latitude: 53.2, longitude: 6.9, postcode: '9711 AA' };
  const near = { latitude: 52.781, longitude: 6.9, postcode: '7811AB' };

  it('counts clients within the norm’s driving time of a nurse and lists the postcode areas out of reach', () => {
    expect(coverageOf([near, far, far], [nurse], 30)).toEqual({ reachable: 1, outOfReach: 2, share: 0.3333, areasOutOfReach: [{ postcode4: '9711', clients: 2 }] });
    expect(coverageOf([near, far], [nurse], 60)).toMatchObject({ reachable: 2, share: 1, areasOutOfReach: [] });
  });

  it('says nothing rather than 0 % without nurses on duty', () => {
    expect(coverageOf([near], [], 30)).toMatchObject({ share: null });
    expect(postcode4(' 7811 ab')).toBe('7811');
  });
});
