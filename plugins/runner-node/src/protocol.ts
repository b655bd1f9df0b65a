/**
 * What reporter.ts (loaded by `node --test` as its reporter) writes to fd 3, one JSON object
 * a line, and run.ts reads. Both sides import these types; nothing else crosses the boundary.
 *
 * Node runs each test file in a child process and reports it as a test of its own (a "file
 * test", named by the file's absolute path): its queueing, start, completion and — only when
 * the file failed on its own or had no tests — its pass/fail. Events of the tests inside a file
 * come between, in report order; see report-router.ts for how they are told apart.
 */

/** An error as the reporter saw it, made serialisable (values `util.inspect`ed where they were not strings). */
export interface WireError {
  message: string;
  stack?: string;
  name?: string;
  /** ERR_TEST_FAILURE's failureType: testCodeFailure, subtestsFailed, hookFailed, cancelledByParent, testTimeoutFailure… */
  failureType?: string;
  expected?: string;
  actual?: string;
  operator?: string;
  /** A file test's process: its exit code and signal when it did not exit with 0. */
  exitCode?: number | null;
  signal?: string | null;
}

interface WireTestEvent {
  name: string;
  nesting: number;
  /** Absolute path of the file the test was declared in (a helper module's when a helper declared it). */
  file?: string;
  line?: number;
  column?: number;
}

export type WireEvent =
  /** A file test was queued / started running (its process spawned). `file` is absolute. */
  | { type: 'file:enqueue' | 'file:dequeue'; file: string }
  /** A file's process ended; `error` unless it exited with 0. Comes before its events when it finished out of turn. */
  | { type: 'file:complete'; file: string; durationMs: number; error?: WireError }
  /** A file test's own pass/fail: reported only when the file had no tests or failed on its own; ends its report. */
  | { type: 'file:report'; file: string }
  | ({ type: 'test:start' } & WireTestEvent)
  | ({
      type: 'test:result';
      passed: boolean;
      /** A `describe` block (Node's `details.type === 'suite'`). */
      suite: boolean;
      /** `true` or the reason, when skipped (also by --test-name-pattern on Node 20). */
      skip?: true | string;
      todo?: true | string;
      durationMs: number;
      error?: WireError;
    } & WireTestEvent)
  /** A diagnostic of the file's tests (t.diagnostic(), or Node's note of an error after the tests ended). */
  | { type: 'diagnostic'; nesting: number; message: string }
  /**
   * What the file's process printed (one or more lines). Node sends it ahead of the test
   * events it came amid (they are serialised on the same pipe but parsed later), so it tells
   * the file only, not the test.
   */
  | { type: 'output'; stream: 'stdout' | 'stderr'; file: string; message: string }
  /** The reporter caught up after a file finished: every file finished in turn has been reported. */
  | { type: 'idle' }
  /** Node reported its run summary: the run ended normally. */
  | { type: 'end' };

/** Node 20 marks tests left out by --test-name-pattern as skipped with this reason (Node 22 drops them). */
export const UNMATCHED_SKIP = 'test name does not match pattern';
