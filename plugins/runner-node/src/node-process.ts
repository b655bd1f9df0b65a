import { type FrameworkProcess, jsonLines, launchFramework } from '@aqe/kernel/runner-kit';
import type { WireEvent } from './protocol.js';

export interface NodeTestLaunch {
  /** The Node that runs the tests (node-binary.ts). */
  node: string;
  cwd: string;
  /** Node options from the project's `node --test` script (loaders, timeouts…), already filtered. */
  nodeOptions: readonly string[];
  env: NodeJS.ProcessEnv;
  /** As `node --test` takes them: absolute paths, glob characters escaped where Node reads globs. */
  files: readonly string[];
  /** Each a --test-name-pattern; Node runs a test when any matches. */
  patterns: readonly string[];
}

const REPORTER = new URL('./reporter.js?fd=3', import.meta.url).href;

/**
 * Starts `node --test` with aqe's reporter writing events to fd 3 (the tests' own output
 * reaches Node as test:stdout/stderr events, not us). `kill` ends it and the test files'
 * processes with it.
 */
export function startNodeTest(launch: NodeTestLaunch, onEvent: (event: WireEvent) => void): FrameworkProcess {
  const args = [...launch.nodeOptions, '--test', `--test-reporter=${REPORTER}`, '--test-reporter-destination=stdout', ...launch.patterns.map((pattern) => `--test-name-pattern=${pattern}`), ...launch.files];
  return launchFramework({
    command: launch.node,
    args,
    cwd: launch.cwd,
    env: launch.env,
    eventsFd: 3,
    onEventLine: jsonLines<WireEvent>(onEvent),
  });
}
