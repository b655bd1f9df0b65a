import { defineConfig } from 'vitest/config';

// One config for the whole monorepo. Threads without per-file isolation keep the
// suite fast on 2 cores; tests that need a clean process spawn one themselves.
export default defineConfig({
  test: {
    include: ['{kernel,workers,cli}/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/fixtures/**'],
    pool: 'threads',
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
