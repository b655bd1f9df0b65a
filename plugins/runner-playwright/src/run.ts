import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import type { RunOptions, RunResult, TestError, TestFileResult } from '@aqe/kernel';
import { describeCrash, type FrameworkExit, type FrameworkProcess, RunCollector, realPathOrSelf } from '@aqe/kernel/runner-kit';
import { systemChromium, writeChromiumConfig } from './browser.js';
import { frameworkArgs } from './framework-args.js';
import { findPlaywright } from './install.js';
import { fileFilters, isNoTestsFound, launchPlaywright, REPORTER } from './playwright-cli.js';
import { PlaywrightPass } from './run-events.js';
import type { PlaywrightError } from './run-protocol.js';

/** The files of one Playwright config (or of Playwright's defaults at the root when there is none). */
interface Group {
  /** Absolute config file; undefined: no config, Playwright's defaults. */
  config: string | undefined;
  dir: string;
  files: string[];
}

const NOT_A_TEST_FILE: TestError = { message: "Playwright did not run this file: it is not a test file of the project's Playwright config (testDir, testMatch, testIgnore, projects)" };

/**
 * Runs test files with the project's installed Playwright: per config, one `playwright test`
 * process with aqe's reporter streaming events back on fd 3 and the files as exact path
 * filters. Playwright stops the whole run when a file does not load, so such files are
 * reported failed and the rest of that config's files run again without them.
 */
export async function runPlaywright(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const bail = new Bail(options.bail);
  const run = new RunCollector('playwright', { ...options, onFileResult: (result) => bail.count(result, options) });
  if (files.length === 0 || options.signal?.aborted) return run.result(started);
  for (const group of groupByConfig(files, options)) {
    if (options.signal?.aborted || bail.reached) break;
    if (group.config === undefined && options.detection.configFiles.length > 0) {
      for (const file of group.files) run.fail(file, { message: `Playwright did not run this file: it is under none of the Playwright configs (${options.detection.configFiles.join(', ')})` });
      continue;
    }
    await runGroup(group, options, run, bail);
  }
  return run.result(started);
}

async function runGroup(group: Group, options: RunOptions, run: RunCollector, bail: Bail): Promise<void> {
  const install = findPlaywright(group.dir);
  if (!install) {
    const message = `Playwright is not installed in ${group.dir}: @playwright/test cannot be resolved from there. Install it with \`npm install --save-dev @playwright/test\``;
    for (const file of group.files) run.fail(file, { message });
    return;
  }
  const chromium = systemChromium(install.dir);
  let pending = [...group.files];
  // Each pass either runs the files or finds at least one that does not load.
  while (pending.length > 0) {
    if (options.signal?.aborted || bail.reached) return;
    const pass = new PlaywrightPass(run);
    const wrapper = chromium ? writeChromiumConfig(group.config, group.config ? dirname(group.config) : group.dir, chromium) : undefined;
    let exit: FrameworkExit;
    try {
      const playwright = launchPlaywright(install, playwrightArgs(pending, wrapper ?? group.config, options, bail), group.dir, (event) => pass.handle(event), options.signal, options.silent);
      bail.process = playwright;
      exit = await playwright.exited;
    } finally {
      if (wrapper) rmSync(wrapper, { force: true });
    }
    // Files that did not load: Playwright ran nothing (it reports load errors before any test).
    const broken = pending.filter((file) => !run.has(file) && pass.loadErrors.has(file));
    for (const file of broken) run.fail(file, pass.loadErrors.get(file)!);
    const rest = pending.filter((file) => !run.has(file));
    if (broken.length > 0 && !pass.testsBegan) {
      pending = rest;
      continue;
    }
    // Aborted, or stopped by --max-failures after a failure: the files left did not run, nothing to report.
    const stopped = options.signal?.aborted || bail.reached;
    // Playwright ran what it had and ended in order: a file left over was not among its tests.
    const orderly = pass.completed && (pass.began.size > 0 || pass.otherErrors.every((e) => isNoTestsFound(stripAnsi(e.message ?? ''))));
    if (!stopped && orderly && options.testNamePattern !== undefined) for (const file of rest) run.finish(file, { filtered: true });
    const why = stopped ? undefined : orderly ? NOT_A_TEST_FILE : pass.otherErrors.length > 0 ? runError(pass.otherErrors, exit) : describeCrash('Playwright', exit);
    run.settle(rest, () => why);
    return;
  }
}

/** Each file under the config whose directory is its nearest ancestor (or the only config); without configs, one group at the root. */
function groupByConfig(files: readonly string[], options: RunOptions): Group[] {
  const configs = [...options.detection.configFiles].sort((a, b) => b.length - a.length);
  const groups = new Map<string | undefined, Group>();
  for (const file of files) {
    // A lone config takes files outside its directory too: a test script's `-c e2e/pw.config.ts` may point testDir anywhere.
    const config =
      configs.find((c) => {
        const dir = c.includes('/') ? c.slice(0, c.lastIndexOf('/') + 1) : '';
        return file.startsWith(dir);
      }) ?? (configs.length === 1 ? configs[0] : undefined);
    const abs = config === undefined ? undefined : join(options.root, config);
    let group = groups.get(abs);
    if (!group) {
      group = { config: abs, dir: abs ? dirname(abs) : options.root, files: [] };
      groups.set(abs, group);
    }
    group.files.push(file);
  }
  return [...groups.values()];
}

function playwrightArgs(files: readonly string[], config: string | undefined, options: RunOptions, bail: Bail): string[] {
  const args = [`--reporter=${REPORTER}`];
  if (config) args.push(`--config=${config}`);
  // Playwright's own stop at the first failing test is the first failing file; n > 1 files is Bail's.
  if (bail.at === 1) args.push('--max-failures=1');
  if (options.retries !== undefined) args.push(`--retries=${Math.max(0, options.retries)}`);
  if (options.testNamePattern !== undefined) args.push(`--grep=${options.testNamePattern}`);
  args.push(...fileFilters(files, options.root, realPathOrSelf(options.root)));
  args.push(...frameworkArgs(options.frameworkArgs));
  return args;
}

/**
 * `bail`: stop after the n-th failing file (`true` is 1, as for Jest). Playwright's
 * --max-failures counts failing tests, so it serves for 1 only; for more, the Playwright
 * process is stopped when the n-th file fails, and files it had not finished are left out.
 */
class Bail {
  readonly at: number;
  process: FrameworkProcess | undefined;
  #failed = 0;

  constructor(bail: RunOptions['bail']) {
    this.at = bail === true ? 1 : typeof bail === 'number' ? Math.max(0, Math.floor(bail)) : 0;
  }

  get reached(): boolean {
    return this.at > 0 && this.#failed >= this.at;
  }

  count(result: TestFileResult, options: RunOptions): void {
    options.onFileResult?.(result);
    if (result.status !== 'failed') return;
    this.#failed++;
    if (this.at > 1 && this.reached) this.process?.kill();
  }
}

/** Errors Playwright reported outside any test and file (config, global setup, web server). */
function runError(errors: readonly PlaywrightError[], exit: FrameworkExit): TestError {
  const text = errors
    .map((e) => stripAnsi(e.message ?? e.stack ?? '').trim())
    .filter(Boolean)
    .join('\n\n');
  if (!text) return describeCrash('Playwright', exit);
  const stack = errors[0]?.stack === undefined ? undefined : stripAnsi(errors[0].stack);
  return { message: `Playwright did not run this file: ${text}`, ...(stack ? { stack } : {}) };
}
