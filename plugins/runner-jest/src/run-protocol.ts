/**
 * What reporter.cts (inside the Jest process) writes to run.ts (aqe's side): one JSON
 * event per line on file descriptor 3, never stdout (tests print there). Both sides
 * import these types; paths are absolute as Jest has them, run.ts makes them relative.
 *
 * The environment run.ts hands the Jest process (names repeated as literals in the
 * CommonJS modules, which cannot import this ES module at run time):
 * - AQE_JEST_EVENTS_FD: the descriptor the reporter writes to.
 * - AQE_JEST_CLI: the project's jest-cli entry, to load Jest's own pretty-format from.
 * - AQE_JEST_RETRIES: set when failing tests are retried (jest.retryTimes).
 * - AQE_JEST_BAIL: set when Jest stops after more than one failed test (the config's `bail`).
 */

import type { TestOutput } from '@aqe/kernel';

/** One failure of a test, as Jest gave it (in `failureMessages` and `failureDetails`). */
export interface JestFailure {
  /** The error's own message, when Jest kept it (a worker process passes only some fields on). */
  message?: string;
  /** Jest's failure text: the error's stack, message first. */
  stack: string;
  /** matcherResult.expected / .actual, serialised with Jest's pretty-format (strings as they are). */
  expected?: string;
  actual?: string;
}

/** One test's result: the fields aqe uses from Jest's AssertionResult. */
export interface JestTestCase {
  ancestorTitles: string[];
  title: string;
  /** Jest's status: passed, failed, skipped, pending, todo, disabled, focused. */
  status: string;
  durationMs: number | null;
  /** How many times the test ran (more than 1 when it was retried). */
  invocations: number;
  /** Where the test is declared (1-based line and column), with --testLocationInResults. */
  location: { line: number; column: number } | null;
  failures: JestFailure[];
  /** What the test printed through the console, when Jest's places tell it was this test (see console-owners.cts). */
  output?: TestOutput[];
}

/** What a test sent before its file's end printed, named as its result was. */
export interface SentTestOutput {
  titlePath: string[];
  location: { line: number; column: number } | null;
  output: TestOutput[];
}

export type JestRunEvent =
  /**
   * Jest starts its run: `runs` test-file runs in all (Jest's numTotalTestSuites); with more
   * than one `projects` entry a file two projects claim runs once for each.
   */
  | { type: 'run-start'; runs: number; projects: number }
  | { type: 'file-start'; path: string }
  | { type: 'test'; path: string; test: JestTestCase }
  /**
   * `tests`: the file's results not sent as `test` events before (failed tests, skipped tests,
   * every test before Jest 26), each with what it printed; `output`: what was logged through
   * the console that no test claims; `testOutput`: what tests sent before printed (Jest
   * buffers the console per file and hands it over now; console-owners.cts tells whose).
   */
  | {
      type: 'file-result';
      path: string;
      durationMs: number;
      tests: JestTestCase[];
      execError?: { message: string; stack?: string };
      output?: TestOutput[];
      testOutput?: SentTestOutput[];
    }
  /** Jest finished its run (reporters' onRunComplete); with --bail this also comes before Jest exits early. */
  | { type: 'run-complete' }
  /** Something the reader should know once (from run-child.ts: retries this Jest cannot do). */
  | { type: 'notice'; message: string };
