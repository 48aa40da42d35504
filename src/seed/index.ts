import type { PlatformDeps } from '../platform/deps.js';
import { seedDemoRegion, type DemoRegion } from './demo-region.js';

/**
 * Every demo alliance of DESIGN.md §8, seeded in order when missing: the one place a new demo seed is
 * called from (respite, network map, Jammerbugt each add their line here).
 */
export async function seedDemo(deps: PlatformDeps): Promise<DemoRegion[]> {
  return [await seedDemoRegion(deps)];
}
