import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformDeps } from '../../platform/deps.js';

export interface NetworkMapOptions {
  /** The clock, so tests can age a call past the rate-limit window. */
  now: () => Date;
  /** Where the official HSDS 3 schemas are read in place (`compiled/*.json`); imports are validated against them. */
  hsdsSchemaDir: string;
  /** The re-verification sweep's timer; tests switch it off and drive the sweep themselves. */
  verifySweep: boolean;
}

export type NetworkMapDeps = PlatformDeps & NetworkMapOptions;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SHARED = path.join('shared', 'standards', 'hsds-3');

/**
 * The shared standards sit beside the project (`../shared/standards/hsds-3`); a git worktree lies one
 * level deeper, so the nearest ancestor that holds them is taken. HSDS_SCHEMA_DIR overrides it.
 */
function nearestSharedSchemas(): string {
  for (let dir = path.dirname(REPO); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, SHARED))) return path.join(dir, SHARED);
    if (path.dirname(dir) === dir) return path.join(path.dirname(REPO), SHARED);
  }
}

export const DEFAULT_HSDS_SCHEMA_DIR = process.env.HSDS_SCHEMA_DIR ?? nearestSharedSchemas();
