import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The demo seed is made once per run; test apps start from copies of it.
    globalSetup: ['test/support/global-setup.ts'],
    // Generous: several suites start real server processes and the CLI, which is slow on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
