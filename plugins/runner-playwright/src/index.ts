import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { detectPlaywright, playwrightVersion } from './detect.js';
import { discoverPlaywright } from './discover.js';

const runner: RunnerCapability = {
  id: 'playwright',
  description: 'Playwright Test: files from testDir/testMatch/testIgnore of every project, resolved by the installed @playwright/test',
  detect: detectPlaywright,
  discover: discoverPlaywright,
  version: playwrightVersion,
};

export default definePlugin({
  name: '@aqe/runner-playwright',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(runner);
  },
});
