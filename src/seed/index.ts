import type { PlatformDeps } from '../platform/deps.js';
import { seedDemoRegion, type DemoRegion } from './demo-region.js';
import { RESPITE_ALLIANCE, seedRespiteDemo } from './respite-demo.js';
import { NETWORKMAP_ALLIANCE, seedNetworkMapDemo } from './networkmap-demo.js';
import { seedCircleDemo } from './circle-demo.js';
import { JAMMERBUGT_ALLIANCE, seedJammerbugtDemo } from './jammerbugt-demo.js';

/**
 * Every demo alliance of DESIGN.md §8, seeded in order when missing: the one place a new demo seed is
 * called from (network map and Jammerbugt add their line here). The respite alliance reuses the night
 * region's Icare and its demo password and TOTP secret.
 */
export async function seedDemo(deps: PlatformDeps): Promise<DemoRegion[]> {
  const night = await seedDemoRegion(deps);
  // Issue 13: a care circle and the Angelslo neighbourhood partnership, inside the night region.
  await seedCircleDemo(deps);
  const respite: DemoRegion = { ...night, allianceName: RESPITE_ALLIANCE, logins: await seedRespiteDemo(deps) };
  const networkMap: DemoRegion = { ...night, allianceName: NETWORKMAP_ALLIANCE, logins: await seedNetworkMapDemo(deps) };
  const jammerbugt: DemoRegion = { ...night, allianceName: JAMMERBUGT_ALLIANCE, logins: await seedJammerbugtDemo(deps) };
  return [night, respite, networkMap, jammerbugt];
}
