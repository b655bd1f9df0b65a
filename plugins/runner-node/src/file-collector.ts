import type { TestCase, TestError, TestFileResult, TestStatus } from '@aqe/kernel';
import { type FileNames, fileError, testError } from './normalise-error.js';
import { UNMATCHED_SKIP, type WireEvent, type WireError } from './protocol.js';

export interface CollectedFile {
  result: TestFileResult;
  /**
   * For each test id, the names a --test-name-pattern must match for Node to run the test
   * again: its own and those of the tests (not suites) it is nested in, whose bodies create it.
   */
  rerunNames: Map<string, string[]>;
}

const STDERR_LINES = 200;

/** Builds one file's TestFileResult from its routed events. */
export class FileCollector {
  /** Names of the tests and suites open at each nesting level. */
  private readonly open: string[] = [];
  private readonly tests: TestCase[] = [];
  private readonly suites = new Set<string>();
  private readonly stderr: string[] = [];
  private readonly diagnostics: string[] = [];
  private unmatched = 0;
  private durationMs = 0;
  private processError?: WireError;
  completed = false;

  constructor(
    private readonly names: FileNames,
    private readonly options: { dropUnmatched: boolean; onTest?: (test: TestCase) => void },
  ) {}

  event(event: WireEvent): void {
    if (event.type === 'output') {
      if (event.message !== undefined) {
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
  finish(crash?: TestError): CollectedFile {
    const error = crash ?? this.ownError();
    const tests = this.tests;
    const status: TestFileResult['status'] =
      error || tests.some((t) => t.status === 'failed')
        ? 'failed'
        : tests.some((t) => t.status === 'passed') || (tests.length === 0 && this.unmatched === 0)
          ? 'passed'
          : 'skipped';
    const result: TestFileResult = { file: this.names.rel, runner: 'node', status, durationMs: this.durationMs, tests, ...(error ? { error } : {}) };
    const rerunNames = new Map<string, string[]>();
    for (const test of tests) {
      const enclosing = test.titlePath.slice(0, -1).filter((_, i) => !this.suites.has(key(test.titlePath.slice(0, i + 1))));
      rerunNames.set(test.id, [...enclosing, test.titlePath.at(-1)!]);
    }
    return { result, rerunNames };
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
      if (this.options.dropUnmatched && event.skip === UNMATCHED_SKIP) {
        this.unmatched++;
        return;
      }
      status = 'skipped';
    } else if (event.todo !== undefined) {
      status = 'todo';
    } else {
      status = event.passed ? 'passed' : 'failed';
    }
    if (event.suite) {
      this.suites.add(key(titlePath));
      // A suite is a test of its own only when it failed by itself (a hook or its body threw).
      if (status !== 'failed' || event.error?.failureType === 'subtestsFailed') return;
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
    this.tests.push(test);
    this.options.onTest?.(test);
  }
}

function key(titlePath: readonly string[]): string {
  return JSON.stringify(titlePath);
}
