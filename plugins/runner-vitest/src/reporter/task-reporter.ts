/**
 * The reporter run-child.ts installs on Vitest 1 and 2, whose reporters hear of tasks
 * (`onCollected`, `onTaskUpdate`, `onFinished`) rather than of test modules and cases (Vitest
 * 3 and later: module-reporter.ts). It sends the same protocol messages: a file starts when
 * it is collected, a test when its task reaches a final state, a file ends when its own task
 * does; `onFinished` sends what never had an update of its own (skipped and todo tests).
 */
import type { WireError, WireTestState } from '../protocol.js';
import { ConsoleLogs, type UserConsoleLogLike } from './console-logs.js';
import type { ReporterOptions } from './reporter-options.js';
import { round, type SerializedErrorLike, toWire, unhandled } from './wire-error.js';

interface TaskResultLike {
  /** "run" while running, then "pass", "fail", "skip" or "todo". */
  state?: string;
  duration?: number;
  retryCount?: number;
  errors?: SerializedErrorLike[];
}

interface TaskLike {
  id: string;
  name: string;
  type: string;
  /** "run", "skip", "only" or "todo". */
  mode: string;
  suite?: TaskLike;
  file?: FileLike;
  result?: TaskResultLike;
  location?: { line: number; column: number };
  tasks?: TaskLike[];
}

interface FileLike extends TaskLike {
  filepath: string;
  projectName?: string;
  collectDuration?: number;
  setupDuration?: number;
  prepareDuration?: number;
  environmentLoad?: number;
}

type Pack = [id: string, ...rest: unknown[]];

const FINAL = new Set(['pass', 'fail', 'skip', 'todo']);

/**
 * How long a test's or file's result waits for its console output. A Vitest 1 worker
 * flushes console output on a timer after the code that printed it, so a fast file's
 * results reach reporters first; its output follows within milliseconds.
 */
const LOG_SETTLE_MS = 50;

export class TaskReporter {
  readonly #options: ReporterOptions;
  readonly #started = new Set<string>();
  readonly #ended = new Set<string>();
  readonly #reported = new Set<string>();
  /** Unhandled errors already attached to a file. */
  readonly #claimed = new Set<unknown>();
  readonly #logs = new ConsoleLogs();
  #failedFiles = 0;
  #cancelled = false;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onUserConsoleLog(log: UserConsoleLogLike): void {
    if (this.#options.output) this.#logs.add(log);
  }

  onCollected(files: readonly FileLike[] = []): void {
    for (const file of files) this.#start(file);
  }

  onTaskUpdate(packs: readonly Pack[]): void {
    // Vitest updated its state from these packs before calling reporters: the tasks hold the results.
    for (const [id] of packs) {
      const task = this.#options.vitest.state?.idMap?.get(id) as TaskLike | undefined;
      if (!task) continue;
      const file = isFile(task) ? task : task.file;
      if (!file) continue;
      this.#start(file);
      // Sent a moment later, so that what the test (or file) printed is with it (LOG_SETTLE_MS).
      if (task === file) {
        if (FINAL.has(file.result?.state ?? '')) setTimeout(() => this.#end(file), LOG_SETTLE_MS);
      } else if (isTest(task) && FINAL.has(task.result?.state ?? '')) {
        setTimeout(() => this.#sendTest(task, file), LOG_SETTLE_MS);
      }
    }
  }

  async onFinished(files: readonly FileLike[] = [], errors: readonly unknown[] = []): Promise<void> {
    // Vitest awaits this: the results and logs held back above go out first.
    await new Promise((resolve) => setTimeout(resolve, LOG_SETTLE_MS));
    // A file still "run" lost its worker: it stays open, and run.ts reports why. A file never
    // started is one a cancelled run (bail) left out; Vitest 1 lists it as skipped, unrun.
    for (const file of files) if (this.#started.has(file.id) && FINAL.has(file.result?.state ?? '')) this.#end(file);
    const rest = errors.filter((error) => !this.#claimed.has(error));
    const failed = files.some((file) => file.result?.state === 'fail');
    this.#options.send({
      type: 'end',
      reason: this.#options.vitest.isCancelling ? 'interrupted' : failed ? 'failed' : 'passed',
      unhandled: rest.map((error) => {
        const e = error as SerializedErrorLike;
        return { ...unhandled(e), ...(typeof e?.VITEST_TEST_PATH === 'string' ? { file: e.VITEST_TEST_PATH } : {}) };
      }),
    });
  }

  #start(file: FileLike): void {
    if (this.#started.has(file.id)) return;
    this.#started.add(file.id);
    this.#options.send({ type: 'module-start', file: file.filepath, project: file.projectName ?? '' });
  }

  #end(file: FileLike): void {
    if (this.#ended.has(file.id)) return;
    this.#start(file);
    this.#ended.add(file.id);
    // Tests without a final update of their own: skipped, todo, or never reached.
    for (const test of allTests(file)) this.#sendTest(test, file);
    const errors: WireError[] = (file.result?.errors ?? []).map((error) => toWire(error));
    for (const suite of allSuites(file)) {
      for (const error of suite.result?.errors ?? []) errors.push(toWire(error, `describe "${titlePath(suite, file).join(' > ')}": `));
    }
    // Errors Vitest caught while this file ran (an unhandled rejection, say): the file failed.
    for (const error of this.#options.vitest.state?.getUnhandledErrors?.() ?? []) {
      const e = error as SerializedErrorLike;
      if (!this.#claimed.has(error) && e?.VITEST_TEST_PATH === file.filepath) {
        this.#claimed.add(error);
        errors.push(unhandled(e));
      }
    }
    // Module scope, describe-level hooks, and tests' output that came after their result.
    const output = this.#logs.take([file.id, ...ids(allSuites(file)), ...ids(allTests(file))], (id) => printedIn(id, file));
    const state = file.result?.state === 'fail' ? 'failed' : file.result?.state === 'pass' ? 'passed' : 'skipped';
    const durationMs = (file.environmentLoad ?? 0) + (file.prepareDuration ?? 0) + (file.collectDuration ?? 0) + (file.setupDuration ?? 0) + (file.result?.duration ?? 0);
    this.#options.send({ type: 'module-end', file: file.filepath, project: file.projectName ?? '', state, durationMs: round(durationMs), errors, ...(output ? { output } : {}) });
    if (state === 'failed' || errors.length > 0) this.#failedFiles++;
    if (this.#options.bail > 0 && !this.#cancelled && this.#failedFiles >= this.#options.bail) {
      // File-level bail: Vitest's own `bail` counts failed tests and would cut this file short.
      this.#cancelled = true;
      void this.#options.vitest.cancelCurrentRun('test-failure');
    }
  }

  #sendTest(test: TaskLike, file: FileLike): void {
    if (this.#reported.has(test.id)) return;
    this.#reported.add(test.id);
    const result = test.result;
    const output = this.#logs.take([test.id]);
    this.#options.send({
      type: 'test',
      file: file.filepath,
      project: file.projectName ?? '',
      titlePath: titlePath(test, file),
      ...(test.location ? { location: { line: test.location.line, column: test.location.column } } : {}),
      state: testState(result?.state, test.mode),
      durationMs: round(result?.duration ?? 0),
      retries: result?.retryCount ?? 0,
      errors: result?.state === 'fail' ? (result.errors ?? []).map((error) => toWire(error)) : [],
      ...(output ? { output } : {}),
    });
  }
}

/**
 * Vitest 1 names output outside any test (module scope, describe-level hooks) by where it
 * was printed, `path/relative/to/root.test.js:line:column`, instead of by the file's task.
 */
function printedIn(id: string, file: FileLike): boolean {
  const at = /^(.+):\d+:\d+$/.exec(id);
  return at !== null && (file.filepath === at[1] || file.filepath.endsWith(`/${at[1]}`));
}

function* ids(tasks: Iterable<TaskLike>): Generator<string> {
  for (const task of tasks) yield task.id;
}

/** Vitest 2 points a file's `file` at itself, Vitest 1 leaves it unset. */
function isFile(task: TaskLike): task is FileLike {
  return task.type === 'suite' && typeof (task as Partial<FileLike>).filepath === 'string' && (task.file === undefined || task.file.id === task.id);
}

/** `custom` tasks are tests made with `test.extend`-style APIs in Vitest 1. */
function isTest(task: TaskLike): boolean {
  return task.type === 'test' || task.type === 'custom';
}

function testState(state: string | undefined, mode: string): WireTestState {
  if (state === 'pass') return 'passed';
  if (state === 'fail') return 'failed';
  if (state === 'todo' || (state !== 'skip' && mode === 'todo')) return 'todo';
  // "skip", or no final state when a cancelled run (bail) never got to it.
  return 'skipped';
}

/** Names of the enclosing describe blocks, then the task's own (Vitest's unnamed default suite left out). */
function titlePath(task: TaskLike, file: FileLike): string[] {
  const names = [task.name];
  for (let node = task.suite; node && node.id !== file.id; node = node.suite) if (node.name) names.unshift(node.name);
  return names;
}

function* allTests(suite: TaskLike): Generator<TaskLike> {
  for (const task of suite.tasks ?? []) {
    if (task.type === 'suite') yield* allTests(task);
    else if (isTest(task)) yield task;
  }
}

function* allSuites(suite: TaskLike): Generator<TaskLike> {
  for (const task of suite.tasks ?? []) {
    if (task.type === 'suite') {
      yield task;
      yield* allSuites(task);
    }
  }
}
