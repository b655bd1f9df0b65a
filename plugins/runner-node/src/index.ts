import { definePlugin, type RunnerCapability } from '@aqe/kernel';
import { detectNodeTest } from './detect.js';
import { nodeBinary, nodeVersion } from './node-binary.js';

const nodeRunner: RunnerCapability = {
  id: 'node',
  description: "node:test: the files `node --test` runs from package.json scripts, by the rules of the project's Node version",
  detect: detectNodeTest,
  // Loaded on first use: a warm `aqe discover` answers from the kernel's cache without it.
  discover: async (ctx) => (await import('./discover.js')).discoverNodeTests(ctx),
  run: async (files, options) => (await import('./run.js')).runNodeTests(files, options),
  version: async (project) => nodeVersion(nodeBinary(project.root), project.root),
  // The "framework" is Node itself: the detection's version is the Node that runs the tests.
  // node:test with custom reporters and the test events aqe reads needs Node 20.
  supports: { package: 'node', range: '>=20' },
};

export default definePlugin({
  name: '@aqe/runner-node',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.runners.add(nodeRunner);
  },
});
