import type { RunResult } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { failureLines } from './run-failures.js';
import { noticeLines } from './run-notices.js';
import { summaryLines } from './run-summary.js';

/**
 * `aqe run`: failures grouped by file (code frames read from `cwd`, diffs of expected
 * vs actual), then the summary. Passing, skipped and todo tests appear only as counts.
 */
export function renderRun(result: RunResult, c: Palette, cwd: string): string[] {
  return [...failureLines(result, c, cwd), ...noticeLines(result, c), ...summaryLines(result, c)];
}
