import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { installedVersion } from '@aqe/kernel/runner-kit';
import { detectBun } from './detect.js';
import { BUN_MISSING, findBun } from './find-bun.js';
import { parseOptions, type RunnerBunOptions } from './options.js';

export const bunRunner: RunnerCapability = {
  id: 'bun',
  description: "bun test: files named *.test/_test/.spec/_spec with a JavaScript-like extension, from bunfig.toml's [test] root",
  detect: detectBun,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverBun(ctx),
  // Loaded on first use too: detect/discover never pay for it.
  run: async (files, options) => (await import('./run.js')).runBun(files, options),
  version: async (project) => installedVersion(project.root, 'bun') ?? null,
  // Bun 1.1's JUnit report has no describe blocks (titles lose them) and runs the tests of a failed beforeAll.
  supports: { package: 'bun', range: '>=1.2.0' },
  // `aqe run --runner bun` on a Jest project runs Jest's files under bun test; files bun cannot load go back to Jest.
  accelerates: { runner: 'jest' },
  unavailable: async (root) => (findBun(root) ? undefined : BUN_MISSING),
};

export default definePlugin<RunnerBunOptions>({
  name: '@aqe/runner-bun',
  version: '0.1.0',
  apiVersion: '^1',
  async setup(ctx) {
    const { accelerate } = await parseOptions(ctx.options);
    ctx.runners.add(accelerate ? { ...bunRunner, accelerates: { runner: accelerate, always: true } } : bunRunner);
  },
});
