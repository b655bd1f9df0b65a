import type { RunOptions } from '../types/capabilities.js';
import type { ResultFile, RunResult, TestCase, TestError, TestFileResult, TestOutput } from '../types/results.js';
import { fileStatus, summarise } from '../run/summary.js';
import { realPathOrSelf, resultFileOf } from '../util/source-paths.js';

interface OpenFile {
  tests: TestCase[];
  /** How often each test id was seen, so two tests with one title path stay two. */
  ids: Map<string, number>;
}

/**
 * The one place a runner's events become per-file results. A runner says what the framework
 * said — a file started, a test finished, a file finished or failed — and the collector
 * keeps the order of callbacks (`onFileStart` once, every `onTestResult`, `onFileResult`
 * once), decides each file's status by the one rule (`fileStatus`), keeps test ids unique
 * within a file, and accounts for the files the framework never reported.
 */
export class RunCollector {
  readonly runner: string;
  readonly #options: RunOptions;
  readonly #realRoot: string;
  readonly #open = new Map<string, OpenFile>();
  readonly #done = new Map<string, TestFileResult>();

  constructor(runner: string, options: RunOptions) {
    this.runner = runner;
    this.#options = options;
    this.#realRoot = realPathOrSelf(options.root);
  }

  /** A file the framework named by absolute path (or its real path), as results name it. */
  resultFile(path: string): ResultFile {
    return resultFileOf(this.#options.root, this.#realRoot, path);
  }

  /** The file started (idempotent: a result without a start event starts it too). */
  start(file: string): void {
    if (this.#open.has(file) || this.#done.has(file)) return;
    this.#open.set(file, { tests: [], ids: new Map() });
    this.#options.onFileStart?.(file);
  }

  /** One test's result. */
  test(file: string, test: TestCase): void {
    if (this.#done.has(file)) return;
    this.start(file);
    const open = this.#open.get(file)!;
    const seen = open.ids.get(test.id) ?? 0;
    open.ids.set(test.id, seen + 1);
    const unique = seen === 0 ? test : { ...test, id: `${test.id} (${seen + 1})` };
    open.tests.push(unique);
    this.#options.onTestResult?.(unique);
  }

  /**
   * The file finished: `tests` are results not sent through `test()` before; `error` is an
   * error outside any test (a load failure); `filtered`: the name filter (`-t`) left tests of
   * the file out unreported, so a file with none reported is skipped, not passed; `output`:
   * what the file printed outside its tests; `testOutput`: what a test printed, for a framework
   * that hands a file's console over only at its end, after its tests were streamed (called
   * with each of the file's tests; the output is added to the test's own). Later reports of a
   * finished file are ignored.
   */
  finish(
    file: string,
    end: { durationMs?: number; error?: TestError; tests?: readonly TestCase[]; filtered?: boolean; output?: readonly TestOutput[]; testOutput?: (test: TestCase) => readonly TestOutput[] | undefined } = {},
  ): TestFileResult | undefined {
    if (this.#done.has(file)) return undefined;
    for (const test of end.tests ?? []) this.test(file, test);
    this.start(file);
    const tests = this.#open.get(file)!.tests.map((test) => {
      const printed = end.testOutput?.(test);
      return printed?.length ? { ...test, output: [...(test.output ?? []), ...printed] } : test;
    });
    this.#open.delete(file);
    const result: TestFileResult = {
      file,
      runner: this.runner,
      status: end.filtered && tests.length === 0 && !end.error ? 'skipped' : fileStatus(tests, end.error),
      durationMs: Math.max(0, Math.round(end.durationMs ?? 0)),
      tests,
      ...(end.error ? { error: end.error } : {}),
      ...(end.output?.length ? { output: [...end.output] } : {}),
    };
    this.#done.set(file, result);
    this.#options.onFileResult?.(result);
    return result;
  }

  /** The file failed outside the framework's own report of it, keeping the tests it did report. */
  fail(file: string, error: TestError): void {
    this.finish(file, { error });
  }

  has(file: string): boolean {
    return this.#done.has(file);
  }

  /** Started, not finished. */
  get running(): string[] {
    return [...this.#open.keys()];
  }

  get anyFailed(): boolean {
    for (const result of this.#done.values()) if (result.status === 'failed') return true;
    return false;
  }

  /**
   * Accounts for the requested files the framework never finished: each fails with
   * `why(file)`, or is left out of the results when `why` returns undefined (an abort, or
   * --bail stopping the run: those files did not run and there is nothing to report).
   */
  settle(files: readonly string[], why: (file: string) => TestError | undefined): void {
    for (const file of new Set([...files, ...this.running])) {
      if (this.#done.has(file)) continue;
      const error = why(file);
      if (error) this.fail(file, error);
      else this.#open.delete(file);
    }
  }

  /** The run's results, sorted by file, with their summary. */
  result(startedMs: number): RunResult {
    const files = [...this.#done.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { files, summary: summarise(files, performance.now() - startedMs) };
  }
}
