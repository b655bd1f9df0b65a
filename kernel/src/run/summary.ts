import type { RunSummary, TestFileResult } from '../types/results.js';

export function summarise(files: readonly TestFileResult[], durationMs: number): RunSummary {
  const s: RunSummary = { files: files.length, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: Math.round(durationMs) };
  for (const file of files) {
    for (const test of file.tests) {
      s.tests++;
      s[test.status]++;
    }
  }
  return s;
}
