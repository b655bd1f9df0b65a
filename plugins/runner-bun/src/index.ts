import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { detectBun } from './detect.js';
import { installedVersion } from '@aqe/kernel';

export const bunRunner: RunnerCapability = {
  id: 'bun',
  description: "bun test: files named *.test/_test/.spec/_spec with a JavaScript-like extension, from bunfig.toml's [test] root",
  detect: detectBun,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverBun(ctx),
  // Loaded on first use too: detect/discover never pay for it.
  run: async (files, options) => (await import('./run.js')).runBun(files, options),
  version: async (project) => installedVersion(project.root, 'bun') ?? null,
};

export default definePlugin({
  name: '@aqe/runner-bun',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(bunRunner);
  },
});
