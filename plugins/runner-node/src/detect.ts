import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { findNodeTestCommands } from './node-test-commands.js';

/**
 * node:test is present when a package.json script runs `node --test`. Finding files that
 * import node:test would mean reading every candidate on every discover (detect is not
 * cached), so the scripts are the only signal. The Node version stands in for the
 * framework's: it decides the default patterns.
 */
export async function detectNodeTest(project: ProjectInfo): Promise<RunnerDetection | null> {
  if (findNodeTestCommands(project.packageJson?.scripts).length === 0) return null;
  return { runner: 'node', configFiles: ['package.json'], version: process.versions.node };
}
