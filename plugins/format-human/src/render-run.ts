import type { RunResult, TestError } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { formatDuration, indent } from './text.js';

/**
 * A minimal run summary: each failure (a failed test, or a file that failed outside any
 * test) with its error message, then counts by status. The live reporter comes later.
 */
export function renderRun(result: RunResult, c: Palette): string[] {
  const failures: string[] = [];
  const fail = (title: string, error: TestError | undefined) => {
    failures.push(`${c.red(c.bold('FAIL'))} ${title}`, ...indent(error?.message ?? '(no error message)', 2), '');
  };
  for (const file of result.files) {
    if (file.error) fail(file.file, file.error);
    for (const test of file.tests) {
      if (test.status === 'failed') fail([file.file, ...test.titlePath].join(c.dim(' > ')), test.error);
    }
  }
  const files = result.files;
  const s = result.summary;
  const fileCounts = counts(
    [
      ['failed', files.filter((f) => f.status === 'failed').length, c.red],
      ['passed', files.filter((f) => f.status === 'passed').length, c.green],
      ['skipped', files.filter((f) => f.status === 'skipped').length, c.yellow],
      ['cached', files.filter((f) => f.status === 'cached').length, c.cyan],
    ],
    s.files,
    c,
  );
  const testCounts = counts(
    [
      ['failed', s.failed, c.red],
      ['passed', s.passed, c.green],
      ['skipped', s.skipped, c.yellow],
      ['todo', s.todo, c.magenta],
    ],
    s.tests,
    c,
  );
  return [...failures, `${c.dim(' Files')}  ${fileCounts}`, `${c.dim(' Tests')}  ${testCounts}`, `${c.dim('  Time')}  ${formatDuration(s.durationMs)}`];
}

/** `1 failed | 3 passed (4)`, zero counts left out, as Vitest prints them. */
function counts(parts: [label: string, count: number, paint: (s: string) => string][], total: number, c: Palette): string {
  const shown = parts.filter(([, n]) => n > 0).map(([label, n, paint]) => c.bold(paint(`${n} ${label}`)));
  return shown.length > 0 ? `${shown.join(c.dim(' | '))} ${c.dim(`(${total})`)}` : `${total}`;
}
