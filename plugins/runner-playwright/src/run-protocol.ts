/**
 * What reporter.cts (inside the Playwright process) writes to run.ts (aqe's side): one JSON
 * event per line on the descriptor in AQE_PLAYWRIGHT_EVENTS_FD, never stdout (tests print
 * there). Paths are absolute as Playwright has them; run.ts makes them relative.
 */

/** One error of a test attempt or of the run, as Playwright's TestError has it (ANSI codes kept). */
export interface PlaywrightError {
  message?: string;
  stack?: string;
  location?: { file: string; line: number; column: number };
}

/** A chunk a test printed (console.log/error, process.stdout/stderr writes). */
export interface PlaywrightOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** One test's final result (the last attempt). */
export interface PlaywrightTestCase {
  /** Describe blocks then the test title; the project name first when the config has several projects. */
  titlePath: string[];
  location: { line: number; column: number };
  /** Playwright's outcome: expected, unexpected, flaky, skipped. */
  outcome: string;
  /** The last attempt's status: passed, failed, timedOut, skipped, interrupted. */
  status: string;
  durationMs: number;
  /** Attempts beyond the first. */
  retries: number;
  errors: PlaywrightError[];
  /** What the last attempt printed, in order; absent when nothing, or with `--silent`. */
  output?: PlaywrightOutput[];
}

export type PlaywrightRunEvent =
  /** onBegin: every file of the run (absolute) with how many tests (over all projects) it holds. */
  | { type: 'begin'; files: Record<string, number> }
  | { type: 'file-start'; path: string }
  | { type: 'test'; path: string; test: PlaywrightTestCase }
  /** Every test of the file finished, or the run ended (`complete: false`: some never ran). */
  | { type: 'file-result'; path: string; durationMs: number; complete: boolean }
  /** onError: an error outside any test; with a location it is usually a file that does not load. */
  | { type: 'error'; error: PlaywrightError }
  /** onEnd: Playwright's overall status (passed, failed, timedout, interrupted). */
  | { type: 'end'; status: string };
