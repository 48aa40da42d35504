import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: database-backed files share one PostgreSQL, each with its own database.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
