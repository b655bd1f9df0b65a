import type { RunSummary, TestCase, TestError, TestFileResult } from '../types/results.js';

export function summarise(files: readonly TestFileResult[], durationMs: number): RunSummary {
  const s: RunSummary = { files: files.length, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: Math.round(durationMs) };
  for (const file of files) {
    for (const test of file.tests) {
      s.tests++;
      s[test.status]++;
      if (test.quarantined && test.status === 'failed') s.quarantined = (s.quarantined ?? 0) + 1;
    }
  }
  return s;
}

/** A file fails with an error or a failing test; all skipped/todo is skipped; otherwise passed. */
export function fileStatus(tests: readonly TestCase[], error: TestError | undefined): TestFileResult['status'] {
  if (error || tests.some((t) => t.status === 'failed')) return 'failed';
  if (tests.length > 0 && tests.every((t) => t.status === 'skipped' || t.status === 'todo')) return 'skipped';
  return 'passed';
}
