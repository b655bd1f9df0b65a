import type { RunResult, TestError } from '@aqe/kernel';
import { historyFileKey, historyTestKey } from '@aqe/kernel/store';

/** One failure of a run: a failed test, or an error outside any test (then `testId` is the file). */
export interface RunFailure {
  testId: string;
  file: string;
  runner: string;
  error: TestError;
  /** The `history` key of the outcome that holds the file's content hash for this run. */
  historyKey: string;
}

/** Failures in testId order; a cached file never failed. */
export function failuresOf(result: RunResult): RunFailure[] {
  const out: RunFailure[] = [];
  // A runner that could not run (its config, its framework version) is aqe's report, not a failure of the code under test.
  const runnerErrors = new Set((result.errors ?? []).map((e) => `${e.runner}\0${e.file}`));
  for (const f of result.files) {
    if (runnerErrors.has(`${f.runner}\0${f.file}`)) continue;
    if (f.error) out.push({ testId: f.file, file: f.file, runner: f.runner, error: f.error, historyKey: historyFileKey(f.runner, f.file) });
    for (const t of f.tests) {
      if (t.status === 'failed') out.push({ testId: t.id, file: t.file, runner: f.runner, error: t.error ?? { message: 'failed' }, historyKey: historyTestKey(t.id) });
    }
  }
  return out.sort((a, b) => (a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : 0));
}
