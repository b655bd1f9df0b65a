import type { RunResult } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { formatDuration } from './text.js';

/** The closing lines, as Vitest prints them: files and tests by status, then the run's wall time. */
export function summaryLines(result: RunResult, c: Palette): string[] {
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
      ['quarantined', s.quarantined ?? 0, c.yellow],
      ['passed', s.passed, c.green],
      ['skipped', s.skipped, c.yellow],
      ['todo', s.todo, c.magenta],
    ],
    s.tests,
    c,
  );
  return [`${c.dim(' Files')}  ${fileCounts}`, `${c.dim(' Tests')}  ${testCounts}`, `${c.dim('  Time')}  ${formatDuration(s.durationMs)}`];
}

/** `1 failed | 3 passed (4)`, zero counts left out. */
function counts(parts: [label: string, count: number, paint: (s: string) => string][], total: number, c: Palette): string {
  const shown = parts.filter(([, n]) => n > 0).map(([label, n, paint]) => c.bold(paint(`${n} ${label}`)));
  return shown.length > 0 ? `${shown.join(c.dim(' | '))} ${c.dim(`(${total})`)}` : `${total}`;
}
