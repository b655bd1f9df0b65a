import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { installedVersion } from '@aqe/kernel/runner-kit';
import { detectJest } from './detect.js';
import { prepareJest } from './prepare.js';

export const jestRunner: RunnerCapability = {
  id: 'jest',
  description: "Jest: test files from the project's own Jest config (testMatch/testRegex, roots, projects), run with the installed Jest",
  detect: detectJest,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverJest(ctx),
  // Synchronous on purpose: it must spawn before the kernel's (synchronous) walk starts.
  prepare: prepareJest,
  // Loaded on first use too: detect/discover never pay for it.
  run: async (files, options) => (await import('./run.js')).runJest(files, options),
  version: async (project) => installedVersion(project.root, 'jest') ?? null,
  // Each major of the range is run by test/versions/jest.test.ts (see docs/runners/jest.md).
  supports: { package: 'jest', range: '>=22.0.0 <31' },
};

export default definePlugin({
  name: '@aqe/runner-jest',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(jestRunner);
  },
});
