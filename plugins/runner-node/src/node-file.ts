import type { TestCase, TestError, TestOutput, TestStatus } from '@aqe/kernel';
import { type FileNames, fileError, testError } from './normalise-error.js';
import { UNMATCHED_SKIP, type WireEvent, type WireError } from './protocol.js';

/** What node:test said of one file once it is done: the RunCollector makes the file's result of it. */
export interface NodeFileEnd {
  /** Relative POSIX path, as results name it. */
  file: string;
  tests: TestCase[];
  /** The file failed on its own (did not load, exited badly, was killed), not only through its tests. */
  error?: TestError;
  durationMs: number;
  /** A name pattern was given: tests it left out are not reported. */
  filtered: boolean;
  /**
   * For each test id, the names a --test-name-pattern must match for Node to run the test
   * again: its own and those of the tests (not suites) it is nested in, whose bodies create it.
   */
  rerunNames: Map<string, string[]>;
  /** What the file's process printed, in order (Node tells the file, not the test); empty when not collected. */
  output: TestOutput[];
}

const STDERR_LINES = 200;
/** The kernel keeps the last 32 KB of a file's output: holding more would only be dropped. */
const OUTPUT_CHARS = 32_000;

/**
 * node:test's events of one file (routed to it by report-router.ts) as aqe's tests: the
 * title path from the nesting, suites that count as tests only when they failed by
 * themselves, Node 20's skips of tests a name pattern left out, the file's own error.
 */
export class NodeFile {
  /** Names of the tests and suites open at each nesting level. */
  private readonly open: string[] = [];
  private readonly tests: TestCase[] = [];
  private readonly suites = new Set<string>();
  private readonly stderr: string[] = [];
  private readonly diagnostics: string[] = [];
  private readonly output: TestOutput[] = [];
  private outputChars = 0;
  /** Tests cancelled by their parent, held until the parent says why (a failing `before` hook). */
  private readonly cancelled: TestCase[] = [];
  private durationMs = 0;
  private processError?: WireError;
  completed = false;

  constructor(
    private readonly names: FileNames,
    /** `output`: keep what the file printed (not with --silent). */
    private readonly options: { filtered: boolean; output: boolean; onTest?: (test: TestCase) => void },
  ) {}

  event(event: WireEvent): void {
    if (event.type === 'output') {
      if (this.options.output) this.keepOutput({ stream: event.stream, text: event.message });
      if (event.stream === 'stderr') {
        this.stderr.push(event.message);
        if (this.stderr.length > STDERR_LINES) this.stderr.splice(0, this.stderr.length - STDERR_LINES);
      }
    } else if (event.type === 'test:start') {
      this.open.length = event.nesting;
      this.open[event.nesting] = event.name;
    } else if (event.type === 'test:result') {
      this.result(event);
    } else if (event.type === 'diagnostic') {
      this.diagnostics.push(event.message);
    }
  }

  complete(durationMs: number, error: WireError | undefined): void {
    this.completed = true;
    this.durationMs = durationMs;
    this.processError = error;
  }

  /** `crash`: why the file never finished, when it did not. */
  finish(crash?: TestError): NodeFileEnd {
    this.release([], undefined);
    const error = crash ?? this.ownError();
    const rerunNames = new Map<string, string[]>();
    for (const test of this.tests) {
      const enclosing = test.titlePath.slice(0, -1).filter((_, i) => !this.suites.has(key(test.titlePath.slice(0, i + 1))));
      rerunNames.set(test.id, [...enclosing, test.titlePath.at(-1)!]);
    }
    return { file: this.names.rel, tests: this.tests, durationMs: this.durationMs, filtered: this.options.filtered, rerunNames, output: this.output, ...(error ? { error } : {}) };
  }

  private keepOutput(chunk: TestOutput): void {
    this.output.push(chunk);
    this.outputChars += chunk.text.length;
    while (this.output.length > 1 && this.outputChars - this.output[0]!.text.length >= OUTPUT_CHARS) this.outputChars -= this.output.shift()!.text.length;
  }

  /** The file failed on its own: not (only) because tests failed, which exits with 1. */
  private ownError(): TestError | undefined {
    const wire = this.processError;
    if (!wire) return undefined;
    const crashed = wire.signal || (typeof wire.exitCode === 'number' && wire.exitCode !== 1);
    if (wire.failureType === 'subtestsFailed' && !crashed) return undefined;
    return fileError(wire, this.stderr, this.names, this.diagnostics);
  }

  private result(event: Extract<WireEvent, { type: 'test:result' }>): void {
    this.open.length = event.nesting;
    const titlePath = [...Array.from(this.open, (name) => name ?? ''), event.name];
    let status: TestStatus;
    if (event.skip !== undefined) {
      // Node 20 reports the tests a pattern left out as skipped; Node 22+ leaves them out.
      if (this.options.filtered && event.skip === UNMATCHED_SKIP) return;
      status = 'skipped';
    } else if (event.todo !== undefined) {
      status = 'todo';
    } else {
      status = event.passed ? 'passed' : 'failed';
    }
    // A parent's result follows its children's: the tests it cancelled by failing itself (a
    // `before` hook or its body threw) fail with its error, as Node counts them, not it.
    const ownFailure = status === 'failed' && event.error && event.error.failureType !== 'subtestsFailed' ? testError(event.error, this.names) : undefined;
    const carried = this.release(titlePath, ownFailure);
    if (event.suite) {
      this.suites.add(key(titlePath));
      // A suite is a test of its own only when it failed by itself (a hook or its body threw),
      // and its tests do not already carry that failure.
      if (status !== 'failed' || event.error?.failureType === 'subtestsFailed' || carried) return;
    }
    const test: TestCase = {
      id: `${this.names.rel} > ${titlePath.join(' > ')}`,
      file: this.names.rel,
      titlePath,
      ...(event.file === this.names.abs && event.line !== undefined ? { location: { line: event.line, column: event.column ?? 1 } } : {}),
      status,
      durationMs: event.durationMs,
      retries: 0,
      ...(status === 'failed' && event.error ? { error: testError(event.error, this.names) } : {}),
    };
    if (event.error?.failureType === 'cancelledByParent') this.cancelled.push(test);
    else this.add(test);
  }

  private add(test: TestCase): void {
    this.tests.push(test);
    this.options.onTest?.(test);
  }

  /** Adds the held tests under `parent`, with `error` instead of "cancelled" when given; true when there were any. */
  private release(parent: readonly string[], error: TestError | undefined): boolean {
    const under = this.cancelled.filter((test) => parent.every((name, i) => test.titlePath[i] === name) && test.titlePath.length > parent.length);
    if (under.length === 0) return false;
    this.cancelled.splice(0, this.cancelled.length, ...this.cancelled.filter((test) => !under.includes(test)));
    for (const test of under) this.add(error ? { ...test, error } : test);
    return error !== undefined;
  }
}

function key(titlePath: readonly string[]): string {
  return JSON.stringify(titlePath);
}
