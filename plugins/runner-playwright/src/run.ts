import { rmSync } from 'node:fs';
import { dirname, isAbsolute, join, } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCrash, type FrameworkExit, type RunOptions, type RunResult, realPathOrSelf, resultFileOf, runFrameworkProcess, type TestCase, type TestError, type TestFileResult, summarise, fileStatus } from '@aqe/kernel';
import { systemChromium, writeChromiumConfig } from './browser.js';
import { findPlaywright } from './install.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { type ResultFile, toFileError, toTestCase } from './normalise.js';
import type { PlaywrightError, PlaywrightRunEvent } from './run-protocol.js';

const REPORTER = fileURLToPath(new URL('./reporter.cjs', import.meta.url));
/** The reporter's descriptor in the Playwright process: stdio[3]. */
const EVENTS_FD = 3;

/** The files of one Playwright config (or of Playwright's defaults at the root when there is none). */
interface Group {
  /** Absolute config file; undefined: no config, Playwright's defaults. */
  config: string | undefined;
  dir: string;
  files: string[];
}

/**
 * Runs test files with the project's installed Playwright: per config, one `playwright test`
 * process with aqe's reporter streaming events back on fd 3 and the files as exact path
 * filters. Playwright stops the whole run when a file does not load, so such files are
 * reported failed and the rest of that config's files run again without them.
 */
export async function runPlaywright(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const run = new PlaywrightRun(options);
  if (files.length === 0 || options.signal?.aborted) return run.result(started);
  for (const group of groupByConfig(files, options)) {
    if (options.signal?.aborted || (options.bail && run.anyFailed)) break;
    if (group.config === undefined && options.detection.configFiles.length > 0) {
      for (const file of group.files) run.fail(file, { message: `Playwright did not run this file: it is under none of the Playwright configs (${options.detection.configFiles.join(', ')})` });
      continue;
    }
    await runGroup(group, options, run);
  }
  return run.result(started);
}

async function runGroup(group: Group, options: RunOptions, run: PlaywrightRun): Promise<void> {
  const install = findPlaywright(group.dir);
  if (!install) {
    const message = `Playwright is not installed in ${group.dir}: @playwright/test cannot be resolved from there. Install it with \`npm install --save-dev @playwright/test\``;
    for (const file of group.files) run.fail(file, { message });
    return;
  }
  const cli = join(install.dir, 'cli.js');
  const chromium = systemChromium(install.dir);
  let pending = [...group.files];
  // Each pass either runs the files or finds at least one that does not load.
  while (pending.length > 0) {
    if (options.signal?.aborted) return;
    const pass = run.startPass();
    const wrapper = chromium ? writeChromiumConfig(group.config, group.config ? dirname(group.config) : group.dir, chromium) : undefined;
    let exit: FrameworkExit;
    try {
      exit = await spawnPlaywright(cli, playwrightArgs(pending, wrapper ?? group.config, options), group.dir, options, (event) => run.handle(event));
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
    for (const file of rest) {
      // Aborted, or stopped by --max-failures after a failure: those files did not run, nothing to report.
      if (options.signal?.aborted || (options.bail && run.anyFailed)) continue;
      if (pass.completed && (pass.began.size > 0 || pass.otherErrors.every(isNoTestsFound))) {
        if (options.testNamePattern !== undefined) run.finishEmpty(file);
        else run.fail(file, { message: "Playwright did not run this file: it is not a test file of the project's Playwright config (testDir, testMatch, testIgnore, projects)" });
      } else if (pass.otherErrors.length > 0) {
        run.fail(file, runError(pass.otherErrors, exit));
      } else run.fail(file, describeCrash('Playwright', exit));
    }
    return;
  }
}

/** Each file under the config whose directory is its nearest ancestor; without configs, one group at the root. */
function groupByConfig(files: readonly string[], options: RunOptions): Group[] {
  const configs = [...options.detection.configFiles].sort((a, b) => b.length - a.length);
  const groups = new Map<string | undefined, Group>();
  for (const file of files) {
    const config = configs.find((c) => {
      const dir = c.includes('/') ? c.slice(0, c.lastIndexOf('/') + 1) : '';
      return file.startsWith(dir);
    });
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function playwrightArgs(files: readonly string[], config: string | undefined, options: RunOptions): string[] {
  const args = ['test', `--reporter=${REPORTER}`];
  if (config) args.push(`--config=${config}`);
  if (options.bail) args.push('--max-failures=1');
  if (options.retries !== undefined) args.push(`--retries=${Math.max(0, options.retries)}`);
  if (options.testNamePattern !== undefined) args.push(`--grep=${options.testNamePattern}`);
  // Playwright treats each positional argument as a RegExp on the absolute file path
  // ("/…/" form: exact, case-sensitive) and ignores arguments after "--". One per file, anchored,
  // under the root as given and its real path (Playwright may see either).
  const realRoot = realPathOrSelf(options.root);
  for (const file of files) {
    const paths = new Set([join(options.root, file), join(realRoot, file)].map(escapeRegExp));
    args.push(`/^(?:${[...paths].join('|')})$/`);
  }
  return args;
}

function spawnPlaywright(cli: string, args: string[], cwd: string, options: RunOptions, onEvent: (event: PlaywrightRunEvent) => void): Promise<FrameworkExit> {
  return runFrameworkProcess({
    command: process.execPath,
    args: [cli, ...args],
    cwd,
    env: { ...process.env, AQE_PLAYWRIGHT_EVENTS_FD: String(EVENTS_FD) },
    eventsFd: EVENTS_FD,
    onEventLine: (line) => {
      try {
        onEvent(JSON.parse(line) as PlaywrightRunEvent);
      } catch {
        // A partial or foreign line: the reporter writes whole JSON lines only.
      }
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Errors Playwright reported outside any test and file (config, global setup, web server). */
function runError(errors: readonly PlaywrightError[], exit: FrameworkExit): TestError {
  const text = errors.map((e) => stripAnsi(e.message ?? e.stack ?? '').trim()).filter(Boolean).join('\n\n');
  if (!text) return describeCrash('Playwright', exit);
  const stack = errors[0]?.stack === undefined ? undefined : stripAnsi(errors[0].stack);
  return { message: `Playwright did not run this file: ${text}`, ...(stack ? { stack } : {}) };
}

/** Playwright's error when the filters leave no test at all (a file outside testDir/testMatch, or -t matching nothing). */
function isNoTestsFound(error: PlaywrightError): boolean {
  return /^(?:Error: )?No tests found/.test(stripAnsi(error.message ?? ''));
}


/** What one `playwright test` process reported, beyond the tests. */
interface Pass {
  began: Set<string>;
  testsBegan: boolean;
  completed: boolean;
  /** Load errors by relative file. */
  loadErrors: Map<string, TestError>;
  otherErrors: PlaywrightError[];
}

/** The results of one run as the events arrive, and the callbacks called in their order. */
class PlaywrightRun {
  readonly files: TestFileResult[] = [];
  anyFailed = false;
  private readonly reported = new Set<string>();
  private readonly running = new Map<string, { file: ResultFile; tests: TestCase[] }>();
  private readonly realRoot: string;
  private pass: Pass = PlaywrightRun.emptyPass();

  constructor(private readonly options: RunOptions) {
    this.realRoot = realPathOrSelf(options.root);
  }

  private static emptyPass(): Pass {
    return { began: new Set(), testsBegan: false, completed: false, loadErrors: new Map(), otherErrors: [] };
  }

  startPass(): Pass {
    this.pass = PlaywrightRun.emptyPass();
    return this.pass;
  }

  handle(event: PlaywrightRunEvent): void {
    switch (event.type) {
      case 'begin':
        for (const [path, count] of Object.entries(event.files)) {
          this.pass.began.add(this.resultFile(path).file);
          if (count > 0) this.pass.testsBegan = true;
        }
        return;
      case 'end':
        this.pass.completed = true;
        // Files begun whose tests never all ended and that got no file-result.
        for (const path of [...this.running.keys()]) this.close(path, 0);
        return;
      case 'error': {
        const file = event.error.location ? this.resultFile(event.error.location.file) : undefined;
        if (file && !isAbsolute(file.file)) this.pass.loadErrors.set(file.file, toFileError(event.error, file));
        else this.pass.otherErrors.push(event.error);
        return;
      }
      case 'file-start':
        this.start(event.path);
        return;
      case 'test': {
        const state = this.start(event.path);
        const test = toTestCase(event.test, state.file);
        state.tests.push(test);
        this.options.onTestResult?.(test);
        return;
      }
      case 'file-result':
        this.close(event.path, event.durationMs);
        return;
    }
  }

  has(file: string): boolean {
    return this.reported.has(file);
  }

  fail(file: string, error: TestError): void {
    this.finish({ file, runner: 'playwright', status: 'failed', durationMs: 0, tests: [], error });
  }

  /** A file whose every test the name pattern filtered out. */
  finishEmpty(file: string): void {
    this.finish({ file, runner: 'playwright', status: 'skipped', durationMs: 0, tests: [] });
  }

  result(started: number): RunResult {
    return { files: this.files, summary: summarise(this.files, performance.now() - started) };
  }

  private start(path: string): { file: ResultFile; tests: TestCase[] } {
    let state = this.running.get(path);
    if (!state) {
      state = { file: this.resultFile(path), tests: [] };
      this.running.set(path, state);
      this.options.onFileStart?.(state.file.file);
    }
    return state;
  }

  private close(path: string, durationMs: number): void {
    const state = this.running.get(path);
    if (!state) return;
    this.running.delete(path);
    const error = this.pass.loadErrors.get(state.file.file);
    this.finish({ file: state.file.file, runner: 'playwright', status: fileStatus(state.tests, error), durationMs: Math.round(durationMs), tests: state.tests, ...(error ? { error } : {}) });
  }

  private finish(result: TestFileResult): void {
    this.files.push(result);
    this.reported.add(result.file);
    if (result.status === 'failed') this.anyFailed = true;
    this.options.onFileResult?.(result);
  }

  private resultFile(path: string): ResultFile {
    // Frameworks may report real paths under a root that is reached through a symlink.
    return resultFileOf(this.options.root, this.realRoot, path);
  }
}

