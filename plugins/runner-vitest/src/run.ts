import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions, RunResult } from '@aqe/kernel';
import { frameworkEnv, launchFramework, RunCollector } from '@aqe/kernel/runner-kit';
import { EVENTS_FD, type RunRequest } from './protocol.js';
import { testScriptArgs } from './script-args.js';
import { VitestRun } from './vitest-run.js';

const CHILD = fileURLToPath(new URL('./run-child.js', import.meta.url));

/**
 * Runs `files` (relative to `options.root`) with the project's installed Vitest in its own
 * process (run-child.ts) and streams the results as its reporter reports them.
 */
export async function runVitest(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const collector = new RunCollector('vitest', options);
  if (files.length === 0 || options.signal?.aborted) return collector.result(started);
  const vitest = resolveVitest(options.root);
  if (!vitest) {
    const error = { message: `vitest is not installed: vitest/node cannot be resolved from ${options.root}. Install it: npm install --save-dev vitest` };
    for (const file of files) collector.fail(file, error);
    return collector.result(started);
  }
  const run = new VitestRun(files, options, collector);
  const packageJson = readPackageJson(options.root);
  const scriptArgs = testScriptArgs(packageJson);
  const request: RunRequest = {
    vitestMajor: vitest.major,
    files: files.map((file) => resolve(options.root, file)),
    ...(options.testNamePattern === undefined ? {} : { testNamePattern: options.testNamePattern }),
    ...(options.bail ? { bail: options.bail === true ? 1 : options.bail } : {}),
    ...(options.retries === undefined ? {} : { retry: options.retries }),
    output: options.silent !== true,
    ...(scriptArgs.length > 0 ? { scriptArgs } : {}),
    ...(options.frameworkArgs?.length ? { frameworkArgs: [...options.frameworkArgs] } : {}),
  };
  let aborted = false;
  const exit = await launchFramework({
    command: process.execPath,
    args: [CHILD, vitest.entry],
    cwd: options.root,
    env: frameworkEnv(options.root, { packageJson }),
    input: JSON.stringify(request),
    eventsFd: EVENTS_FD,
    onEventLine: (line) => {
      if (!aborted) run.handleLine(line);
    },
    ...(options.signal ? { signal: options.signal } : {}),
    // What finished before the abort stands; nothing after it is reported.
    onAbort: () => {
      aborted = true;
    },
  }).exited;
  if (!aborted) run.settle(exit);
  return collector.result(started);
}

/** The project's `vitest/node` (resolved from the root, so a hoisted install is found) and its major version. */
function resolveVitest(root: string): { entry: string; major: number } | undefined {
  let entry: string;
  try {
    entry = createRequire(join(root, 'package.json')).resolve('vitest/node');
  } catch {
    return undefined;
  }
  // Vitest 1–3 do not export their package.json: it is found above the entry (dist/node.js).
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = readPackageJson(dir);
    if (pkg?.name === 'vitest' && typeof pkg.version === 'string') return { entry, major: Number.parseInt(pkg.version, 10) };
  }
  return undefined;
}

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
