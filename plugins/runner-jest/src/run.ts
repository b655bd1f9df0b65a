import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions, RunResult } from '@aqe/kernel';
import { frameworkEnv, jsonLines, runFrameworkProcess } from '@aqe/kernel/runner-kit';
import { scriptConfig } from './jest-project.js';
import { JestRun } from './jest-run.js';
import type { JestRunEvent } from './run-protocol.js';

const CHILD = fileURLToPath(new URL('./run-child.js', import.meta.url));
const REPORTER = fileURLToPath(new URL('./reporter.cjs', import.meta.url));
/** The reporter's descriptor in the Jest process: stdio[3]. */
const EVENTS_FD = 3;

/**
 * Runs test files with the project's installed Jest: one Jest process (its own workers as
 * its config and the machine decide) with `--runTestsByPath`, aqe's reporter streaming
 * events back on fd 3. Results are relative to `options.root`.
 */
export async function runJest(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const run = new JestRun(options);
  if (files.length === 0 || options.signal?.aborted) return run.result(started);
  const cli = resolveJestCli(options.root);
  if (!cli) {
    const message = `Jest is not installed in ${options.root}: jest (or jest-cli) cannot be resolved from the project root. Install it with \`npm install --save-dev jest\``;
    for (const file of files) run.fail(file, { message });
    return run.result(started);
  }
  const packageJson = packageJsonOf(options.root);
  const exit = await runFrameworkProcess({
    command: process.execPath,
    args: [CHILD, cli, ...jestArgs(files, options, scriptConfig(packageJson))],
    cwd: options.root,
    env: jestEnv(cli, options, packageJson),
    eventsFd: EVENTS_FD,
    onEventLine: jsonLines<JestRunEvent>((event) => run.handle(event)),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  run.settle(files, exit, options);
  return run.result(started);
}

/** The jest-cli that `jest` runs (jest → jest-cli), else one the project depends on directly. */
export function resolveJestCli(root: string): string | undefined {
  const fromRoot = createRequire(join(root, 'package.json'));
  for (const chain of [['jest/package.json', 'jest-cli'], ['jest-cli']]) {
    try {
      let req = fromRoot;
      for (const id of chain.slice(0, -1)) req = createRequire(req.resolve(id));
      return req.resolve(chain.at(-1)!);
    } catch {
      // Try the next way in.
    }
  }
  return undefined;
}

function isCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** Every flag here is in Jest's CLI since 22.0.0, the oldest Jest the runner supports. */
function jestArgs(files: readonly string[], options: RunOptions, config: string | undefined): string[] {
  const args = [
    // The config `npm test` gives jest, when the test script names one.
    ...(config === undefined ? [] : [`--config=${resolve(options.root, config)}`]),
    `--reporters=${REPORTER}`,
    // As Jest decides itself: in CI (CI set) new snapshots are never written, locally they are.
    `--ci=${isCI()}`,
    '--colors=false',
    '--testLocationInResults',
    // aqe reports a requested file Jest does not run itself.
    '--passWithNoTests',
    '--runTestsByPath',
  ];
  // A count of failures goes into the config (run-child.ts): the CLI's --bail is a switch.
  if (options.bail) args.push('--bail');
  // Jest buffers the tests' console output for the reporter unless verbose (a project's
  // setting, or Jest's own choice for a single file) prints it straight to stdout.
  args.push(options.silent ? '--silent' : '--verbose=false');
  if (options.testNamePattern !== undefined) args.push(`--testNamePattern=${options.testNamePattern}`);
  args.push(...(options.frameworkArgs ?? []));
  // After "--", every argument is a path (--reporters would take the paths that follow it).
  args.push('--', ...files.map((file) => join(options.root, file)));
  return args;
}

/** `npm test`'s environment for the package, and what run-child.ts and reporter.cts read (see run-protocol.ts). */
function jestEnv(cli: string, options: RunOptions, packageJson: Record<string, unknown> | undefined): NodeJS.ProcessEnv {
  const env = frameworkEnv(options.root, { ...(packageJson ? { packageJson } : {}), extra: { AQE_JEST_EVENTS_FD: String(EVENTS_FD), AQE_JEST_CLI: cli } });
  if (options.retries && options.retries > 0) env.AQE_JEST_RETRIES = String(options.retries);
  else delete env.AQE_JEST_RETRIES;
  if (typeof options.bail === 'number' && options.bail > 1) env.AQE_JEST_BAIL = String(options.bail);
  else delete env.AQE_JEST_BAIL;
  return env;
}

function packageJsonOf(root: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
