import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type RunOptions, type RunResult, type TestCase, type TestError, type TestFileResult, summarise } from '@aqe/kernel';
import { type ResultFile, stripAnsi, toFileError, toTestCase } from './normalise.js';
import type { JestRunEvent } from './run-protocol.js';

const CHILD = fileURLToPath(new URL('./run-child.js', import.meta.url));
const REPORTER = fileURLToPath(new URL('./reporter.cjs', import.meta.url));
/** The reporter's descriptor in the Jest process: stdio[3]. */
const EVENTS_FD = 3;
/** After Jest exits, how long something it started may hold the pipes before aqe stops reading. */
const DRAIN_MS = 2000;
/** After an abort's SIGTERM, when the process group gets SIGKILL. */
const KILL_GRACE_MS = 2000;
const STDERR_KEEP = 16 * 1024;

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
  const exit = await spawnJest(cli, jestArgs(files, options), options, (event) => run.handle(event));
  for (const file of files) {
    if (run.has(file)) continue;
    // Aborted, or stopped by --bail after a failure: those files did not run, nothing to report.
    if (options.signal?.aborted || (options.bail && run.completed && run.anyFailed)) continue;
    if (run.completed) run.fail(file, { message: "Jest did not run this file: it is not a test file of the project's Jest config (testMatch, testRegex, testPathIgnorePatterns, projects)" });
    else run.fail(file, crashError(exit));
  }
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

function jestArgs(files: readonly string[], options: RunOptions): string[] {
  const args = [
    `--reporters=${REPORTER}`,
    // As Jest decides itself: in CI (CI set) new snapshots are never written, locally they are.
    `--ci=${isCI()}`,
    '--colors=false',
    '--testLocationInResults',
    // aqe reports a requested file Jest does not run itself.
    '--passWithNoTests',
    '--runTestsByPath',
  ];
  if (options.bail) args.push('--bail');
  if (options.testNamePattern !== undefined) args.push(`--testNamePattern=${options.testNamePattern}`);
  // After "--", every argument is a path (--reporters would take the paths that follow it).
  args.push('--', ...files.map((file) => join(options.root, file)));
  return args;
}

interface JestExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  spawnError?: Error;
}

function spawnJest(cli: string, args: string[], options: RunOptions, onEvent: (event: JestRunEvent) => void): Promise<JestExit> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, AQE_JEST_EVENTS_FD: String(EVENTS_FD), AQE_JEST_CLI: cli };
    if (options.retries && options.retries > 0) env.AQE_JEST_RETRIES = String(options.retries);
    else delete env.AQE_JEST_RETRIES;
    // Its own process group (POSIX), so an abort stops Jest's workers with it.
    const group = process.platform !== 'win32';
    const child = spawn(process.execPath, [CHILD, cli, ...args], {
      cwd: options.root,
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      detached: group,
      windowsHide: true,
    });
    let stderr = '';
    let spawnError: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const events = child.stdio[EVENTS_FD] as Readable;
    readLines(events, (line) => {
      let event: JestRunEvent;
      try {
        event = JSON.parse(line) as JestRunEvent;
      } catch {
        return;
      }
      onEvent(event);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    const kill = (signal: NodeJS.Signals) => killGroup(child, group, signal);
    const onAbort = () => {
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    // aqe exiting (process.exit) takes the Jest run down with it.
    const onProcessExit = () => kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    process.once('exit', onProcessExit);
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      options.signal?.removeEventListener('abort', onAbort);
      process.removeListener('exit', onProcessExit);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, stderr, ...(spawnError ? { spawnError } : {}) });
    };
    child.on('error', (error) => {
      spawnError = error;
      // Not started at all: no 'close' follows.
      if (child.pid === undefined) done(null, null);
    });
    child.on('exit', () => {
      // Jest has exited; a process it started that kept the pipes open must not hold the run.
      setTimeout(() => {
        events.destroy();
        child.stderr!.destroy();
      }, DRAIN_MS).unref();
    });
    child.on('close', done);
  });
}

/** Jest and its workers; the group outlives Jest's own exit while a worker is still in it. */
function killGroup(child: ChildProcess, group: boolean, signal: NodeJS.Signals): void {
  try {
    if (group && child.pid !== undefined) process.kill(-child.pid, signal);
    else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  } catch {
    // Nothing of the group is left.
  }
}

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line) onLine(line);
      newline = pending.indexOf('\n');
    }
  });
  stream.on('error', () => {
    // Destroyed after the drain delay, or the process went away: what was read stands.
  });
}

function crashError(exit: JestExit): TestError {
  const how = exit.spawnError
    ? `Jest could not be started (${exit.spawnError.message})`
    : exit.signal
      ? `Jest was stopped by ${exit.signal}`
      : `Jest exited with code ${exit.code}`;
  const tail = lastLines(stripAnsi(exit.stderr), 20);
  return { message: `${how} before reporting this file${tail ? `:\n${tail}` : ''}`, ...(tail ? { stack: tail } : {}) };
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n').trim();
}

/** The results of one run as the events arrive, and the callbacks called in their order. */
class JestRun {
  readonly files: TestFileResult[] = [];
  completed = false;
  anyFailed = false;
  private readonly reported = new Set<string>();
  /** Per file being run (by absolute path as Jest has it): its tests so far. */
  private readonly running = new Map<string, { file: ResultFile; tests: TestCase[] }>();
  private readonly realRoot: string;

  constructor(private readonly options: RunOptions) {
    this.realRoot = realPath(options.root);
  }

  handle(event: JestRunEvent): void {
    if (event.type === 'run-complete') {
      this.completed = true;
      return;
    }
    const state = this.start(event.path);
    if (event.type === 'test') {
      this.addTest(state, toTestCase(event.test, state.file));
      return;
    }
    if (event.type !== 'file-result') return;
    for (const test of event.tests) this.addTest(state, toTestCase(test, state.file));
    this.running.delete(event.path);
    const error = event.execError ? toFileError(event.execError, state.file) : undefined;
    this.finish({ file: state.file.file, runner: 'jest', status: fileStatus(state.tests, error), durationMs: Math.round(event.durationMs), tests: state.tests, ...(error ? { error } : {}) });
  }

  has(file: string): boolean {
    return this.reported.has(file);
  }

  /** A file Jest gave no result for: it failed before or outside Jest's run of it (with the tests it did report). */
  fail(file: string, error: TestError): void {
    let tests: TestCase[] = [];
    for (const [path, state] of this.running) {
      if (state.file.file !== file) continue;
      tests = state.tests;
      this.running.delete(path);
    }
    this.finish({ file, runner: 'jest', status: 'failed', durationMs: 0, tests, error });
  }

  result(started: number): RunResult {
    return { files: this.files, summary: summarise(this.files, performance.now() - started) };
  }

  private start(path: string): { file: ResultFile; tests: TestCase[] } {
    let state = this.running.get(path);
    if (!state) {
      state = { file: this.resultFile(path), tests: [] };
      this.running.set(path, state);
      // Also when a result comes without a start event (not seen from Jest, cheap to keep consistent).
      this.options.onFileStart?.(state.file.file);
    }
    return state;
  }

  private addTest(state: { tests: TestCase[] }, test: TestCase): void {
    state.tests.push(test);
    this.options.onTestResult?.(test);
  }

  private finish(result: TestFileResult): void {
    this.files.push(result);
    this.reported.add(result.file);
    if (result.status === 'failed') this.anyFailed = true;
    this.options.onFileResult?.(result);
  }

  private resultFile(path: string): ResultFile {
    const root = this.options.root;
    // Jest may report real paths under a root that is reached through a symlink.
    const file = inside(root, path) ?? inside(this.realRoot, path) ?? path.split(sep).join('/');
    return { root, file, paths: new Set([path, join(root, file), join(this.realRoot, file)]) };
  }
}

function fileStatus(tests: readonly TestCase[], error: TestError | undefined): TestFileResult['status'] {
  if (error || tests.some((t) => t.status === 'failed')) return 'failed';
  if (tests.length > 0 && tests.every((t) => t.status === 'skipped' || t.status === 'todo')) return 'skipped';
  return 'passed';
}

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
