
import { createRequire } from 'node:module';
import { join, } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCrash, type FrameworkExit, type RunOptions, type RunResult, realPathOrSelf, resultFileOf, runFrameworkProcess, type TestCase, type TestError, type TestFileResult, summarise, fileStatus } from '@aqe/kernel';
import { type ResultFile, toFileError, toTestCase } from './normalise.js';
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
  const exit = await spawnJest(cli, jestArgs(files, options), options, (event) => run.handle(event));
  for (const file of files) {
    if (run.has(file)) continue;
    // Aborted, or stopped by --bail after a failure: those files did not run, nothing to report.
    if (options.signal?.aborted || (options.bail && run.completed && run.anyFailed)) continue;
    if (run.completed) run.fail(file, { message: "Jest did not run this file: it is not a test file of the project's Jest config (testMatch, testRegex, testPathIgnorePatterns, projects)" });
    else run.fail(file, describeCrash('Jest', exit));
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

function spawnJest(cli: string, args: string[], options: RunOptions, onEvent: (event: JestRunEvent) => void): Promise<FrameworkExit> {
  const env: NodeJS.ProcessEnv = { ...process.env, AQE_JEST_EVENTS_FD: String(EVENTS_FD), AQE_JEST_CLI: cli };
  if (options.retries && options.retries > 0) env.AQE_JEST_RETRIES = String(options.retries);
  else delete env.AQE_JEST_RETRIES;
  return runFrameworkProcess({
    command: process.execPath,
    args: [CHILD, cli, ...args],
    cwd: options.root,
    env,
    eventsFd: EVENTS_FD,
    onEventLine: (line) => {
      try {
        onEvent(JSON.parse(line) as JestRunEvent);
      } catch {
        // A partial or foreign line: the reporter writes whole JSON lines only.
      }
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
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
    this.realRoot = realPathOrSelf(options.root);
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
    // Frameworks may report real paths under a root that is reached through a symlink.
    return resultFileOf(this.options.root, this.realRoot, path);
  }
}

