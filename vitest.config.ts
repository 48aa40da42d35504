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
    // expect.poll waits for an outcome that crosses a connection, a LISTEN/NOTIFY or a process; its default
    // of 1 s is a timing assumption that a loaded 2-core CI machine breaks. Waiting longer asserts the same.
    expect: { poll: { timeout: 15_000 } },
  },
});
