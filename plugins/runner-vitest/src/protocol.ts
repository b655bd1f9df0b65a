/**
 * Messages between run.ts (aqe's process) and run-child.ts (the project's Vitest). The
 * request is one JSON document on the child's stdin; the answers are JSON lines on fd 3, so
 * nothing a test, Vite or a plugin prints can corrupt them. Types only: the child stays free
 * of aqe imports. Paths on the wire are absolute (Vitest's module ids); run.ts makes them
 * relative.
 */

export const EVENTS_FD = 3;

export interface RunRequest {
  /** The installed Vitest's major version (from its package.json): which node API and reporter hooks to use. */
  vitestMajor: number;
  /** Absolute paths of the test files to run, exactly these (no substring filters). */
  files: string[];
  testNamePattern?: string;
  /** Cancel the run once this many test files failed (aqe's --bail counts files, Vitest's own counts tests). */
  bail?: number;
  /** Vitest's `retry`. */
  retry?: number;
  /** Keep what the tests print (not with aqe's --silent). */
  output: boolean;
  /** What the package's test script gives vitest (its --config, say), for Vitest's own CLI parser. */
  scriptArgs?: string[];
  /** The words after `--` on aqe's command line, for Vitest's own CLI parser. */
  frameworkArgs?: string[];
}

/** Console output as Vitest reported it (onUserConsoleLog), in order. */
export interface WireOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A stack frame as Vitest parsed (and source-mapped) it. */
interface WireFrame {
  file: string;
  line: number;
  column: number;
}

/** Vitest's serialised error, reduced to what aqe keeps; colours still in. */
export interface WireError {
  message: string;
  name?: string;
  stack?: string;
  expected?: string;
  actual?: string;
  diff?: string;
  frames?: WireFrame[];
}

export type WireTestState = 'passed' | 'failed' | 'skipped' | 'todo';

export type ChildMessage =
  /** What Vitest will run: one entry per (file, project); `unmatched` are requested files no project includes. */
  | { type: 'plan'; modules: { file: string; project: string }[]; unmatched: string[] }
  | { type: 'module-start'; file: string; project: string }
  | {
      type: 'test';
      file: string;
      project: string;
      /** Describe blocks, then the test's name. */
      titlePath: string[];
      location?: { line: number; column: number };
      state: WireTestState;
      durationMs: number;
      retries: number;
      errors: WireError[];
      /** What the test printed, when Vitest attributed it to the test. */
      output?: WireOutput[];
    }
  | {
      type: 'module-end';
      file: string;
      project: string;
      state: string;
      durationMs: number;
      /** Errors outside any test: load/syntax errors, failing hooks, unhandled errors while it ran. */
      errors: WireError[];
      /** What the file printed outside its tests (module scope, hooks of a describe), or after its test was reported. */
      output?: WireOutput[];
    }
  /** The run is over; `unhandled` are errors Vitest caught that no file claimed. */
  | { type: 'end'; reason: string; unhandled: (WireError & { file?: string })[] }
  /** Vitest could not start (config failed to load, say); nothing ran. */
  | { type: 'fatal'; error: WireError };
