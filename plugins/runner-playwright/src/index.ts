import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { detectPlaywright, playwrightVersion } from './detect.js';

const runner: RunnerCapability = {
  id: 'playwright',
  description: 'Playwright Test: files from testDir/testMatch/testIgnore of every project, resolved by the installed @playwright/test',
  detect: detectPlaywright,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverPlaywright(ctx),
  // Loaded on first use too: detect/discover never pay for it.
  run: async (files, options) => (await import('./run.js')).runPlaywright(files, options),
  version: playwrightVersion,
  // 1.40 and 1.41 list through Playwright's CLI, 1.42 to 1.59 load configs through
  // lib/common/configLoader, 1.60 and later through lib/common (see install.ts).
  supports: { package: '@playwright/test', range: '>=1.40.0 <2' },
};

export default definePlugin({
  name: '@aqe/runner-playwright',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(runner);
  },
});
