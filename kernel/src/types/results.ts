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
}

export interface TestFileResult {
  file: string;
  runner: string;
  status: 'passed' | 'failed' | 'skipped' | 'cached';
  durationMs: number;
  tests: TestCase[];
  /** An error outside any test: load failure, syntax error, crash of the runner. */
  error?: TestError;
}

export interface RunSummary {
  files: number;
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  durationMs: number;
}

export interface RunResult {
  files: TestFileResult[];
  summary: RunSummary;
}
