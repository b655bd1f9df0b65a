import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { detectNodeTest } from './detect.js';

const nodeRunner: RunnerCapability = {
  id: 'node',
  description: 'node:test: the files `node --test` runs from package.json scripts, by the installed Node version\'s rules',
  detect: detectNodeTest,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverNodeTests(ctx),
  run: async (files, options) => (await import('./run.js')).runNodeTests(files, options),
  version: async () => process.versions.node,
};

export default definePlugin({
  name: '@aqe/runner-node',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(nodeRunner);
  },
});
