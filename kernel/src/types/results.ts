import type { FailureClassification } from './agents.js';
import type { RunCacheReport } from './cache.js';

/** The normalised result model every runner produces. */
export type TestStatus = 'passed' | 'failed' | 'skipped' | 'todo';

export interface SourceLocation {
  line: number;
  column: number;
}

export interface TestError {
  message: string;
  stack?: string;
  expected?: string;
  actual?: string;
  diff?: string;
  location?: SourceLocation & { file: string };
}

/** What a test (or a file, outside any test) printed, in order; bounded by the kernel. */
export interface TestOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface TestCase {
  /** Stable: file + title path. */
  id: string;
  file: string;
  titlePath: string[];
  location?: SourceLocation;
  status: TestStatus;
  durationMs: number;
  retries: number;
  error?: TestError;
  /** Listed in the quarantine file: reported, but its failure does not fail the run. */
  quarantined?: boolean;
  /** Console output of this test (console.log/error, process.stdout/stderr writes), where the framework attributes it; dropped with `--silent`. */
  output?: TestOutput[];
}

/** A test file in a runner's hands: its repo-relative name and every absolute path that means it. */
export interface ResultFile {
  /** Absolute project root. */
  root: string;
  /** Relative POSIX path, as in the results. */
  file: string;
  /** Absolute paths that mean this file (as given, under the root, and under its real path). */
  paths: ReadonlySet<string>;
}

export interface TestFileResult {
  file: string;
  runner: string;
  status: 'passed' | 'failed' | 'skipped' | 'cached';
  durationMs: number;
  tests: TestCase[];
  /** An error outside any test: load failure, syntax error, crash of the runner. */
  error?: TestError;
  /** Set when another runner produced this result (e.g. Jest for a file Bun could not load). */
  fallbackFrom?: string;
  /** Console output of the file that no test claims (module scope, hooks, or a framework that reports output per file only). */
  output?: TestOutput[];
}

export interface RunSummary {
  files: number;
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  /** Files served from the result cache instead of being run. */
  cached?: number;
  /** Failed tests that are quarantined (counted in failed, but not failing the run). */
  quarantined?: number;
  durationMs: number;
}

export interface RunResult {
  files: TestFileResult[];
  summary: RunSummary;
  /** Result-cache accounting; absent when no cache backend is registered. */
  cache?: RunCacheReport;
  /** Failure classifications from the failure-classifier agent, sorted by testId. */
  classifications?: FailureClassification[];
  /** Notes for the reader said once per run (e.g. "Bun is absent: Jest ran every file"). */
  notices?: string[];
  /**
   * Runners that could not run at all (their config failed to load, their framework version
   * is unsupported): one entry per runner and project, never a failure per file. Each also
   * stands in `files` as one failed entry named by `file` (the config), and is not classified.
   */
  errors?: RunnerError[];
  /** Why no test file was run, when none was (no runner detected, the filter matched nothing, the config selects none). */
  noTests?: string;
}

export interface RunnerError {
  runner: string;
  /** The workspace package's directory, when the runner ran for one. */
  project?: string;
  /** The failed entry in `files` that reports it (the runner's config file, else the runner's id). */
  file: string;
  code: string;
  message: string;
}
