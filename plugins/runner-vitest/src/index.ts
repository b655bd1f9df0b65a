import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { installedVersion } from '@aqe/kernel/runner-kit';
import { detectVitest } from './detect.js';
import { prepareVitest } from './prepare.js';

const vitestRunner: RunnerCapability = {
  id: 'vitest',
  description: 'Vitest: test files from the resolved Vitest config (projects, dir, include/exclude, typecheck, in-source tests), run with the installed Vitest',
  detect: detectVitest,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverVitest(ctx),
  // Synchronous on purpose: it must spawn before the kernel's (synchronous) walk starts.
  prepare: prepareVitest,
  // Loaded on first use too: detect/discover never pay for it.
  run: async (files, options) => (await import('./run.js')).runVitest(files, options),
  version: async (project) => installedVersion(project.root, 'vitest') ?? null,
  // Each major is run through its own node API and checked in test/versions/vitest.test.ts.
  supports: { package: 'vitest', range: '>=1.0.0 <5' },
};

export default definePlugin({
  name: '@aqe/runner-vitest',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(vitestRunner);
  },
});
