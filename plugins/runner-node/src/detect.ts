import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { nodeBinary, nodeVersion } from './node-binary.js';
import { findNodeTestCommands } from './node-test-commands.js';

/**
 * node:test is present when a package.json script runs `node --test`. Finding files that
 * import node:test would mean reading every candidate on every discover (detect is not
 * cached), so the scripts are the only signal. The version is that of the Node that runs
 * the tests (node-binary.ts): it decides the default patterns, so it is in the detection
 * that keys the kernel's discovery cache.
 */
export async function detectNodeTest(project: ProjectInfo): Promise<RunnerDetection | null> {
  if (findNodeTestCommands(project.packageJson).length === 0) return null;
  return { runner: 'node', configFiles: ['package.json'], version: await nodeVersion(nodeBinary(project.root), project.root) };
}
