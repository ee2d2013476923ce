import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Generous: several suites start real server processes and the CLI, which is slow on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
