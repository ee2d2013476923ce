import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The demo seed is made once per run; test apps start from copies of it.
    globalSetup: ['test/support/global-setup.ts'],
    // Generous: several suites start real server processes and the CLI, which is slow on a busy 2-core machine.
    testTimeout: 60_000,
    // Test files spend much of their time waiting on server processes, the CLI and the
    // database, so two run side by side even on two cores (Vitest's default there is one):
    // the SQLite suite 230 → 157 s, PostgreSQL 361 → 256 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 60_000,
  },
});
