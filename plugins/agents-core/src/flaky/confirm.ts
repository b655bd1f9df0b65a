import type { FlakyConfirmation, FlakyReport, FlakySuspect, Kernel, ProgressReporter, TestCase } from '@aqe/kernel';
import { wilsonInterval } from './wilson.js';

export const DEFAULT_CONFIRM_RUNS = 10;

export interface ConfirmOptions {
  runs: number;
  signal?: AbortSignal;
  progress?: ProgressReporter;
}

type Tally = { passed: number; failed: number };

/**
 * `aqe flaky --confirm`: re-runs each suspect's whole file `runs` times through the
 * kernel (the framework's own runner, result cache bypassed) and tallies each suspect.
 * Whole files, not `-t` selections: a test that only fails in a different order or
 * alone must be re-run under the conditions in which it flipped.
 */
export async function confirmSuspects(kernel: Kernel, suspects: readonly FlakySuspect[], options: ConfirmOptions): Promise<NonNullable<FlakyReport['confirm']>> {
  const files = [...new Set(suspects.map((s) => s.file))].sort();
  const tallies = new Map<string, Tally>(suspects.map((s) => [s.testId, { passed: 0, failed: 0 }]));
  const { progress, signal } = options;
  progress?.runStart(files.length * options.runs);
  // One kernel run per round over every suspect file: each runner still runs each file whole
  // (in its own process where the framework isolates files), at one start-up cost per round.
  for (let i = 0; i < options.runs && !signal?.aborted; i++) {
    const result = await kernel.run({
      paths: files,
      cache: false,
      ...(signal ? { signal } : {}),
      ...(progress ? { onFileStart: (f: string) => progress.fileStart(f), onFileResult: (r) => progress.fileResult(r) } : {}),
    });
    for (const test of result.files.flatMap((f) => f.tests)) tally(tallies.get(test.id), test);
  }
  const results = suspects.filter((s) => runsOf(tallies.get(s.testId)!) > 0).map((s) => classify(s, tallies.get(s.testId)!));
  const notRun = suspects.filter((s) => runsOf(tallies.get(s.testId)!) === 0).map((s) => s.testId);
  return { runs: options.runs, results: results.sort(byTestId), notRun: notRun.sort() };
}

function tally(t: Tally | undefined, test: TestCase): void {
  if (!t) return;
  if (test.status === 'passed') t.passed++;
  else if (test.status === 'failed') t.failed++;
}

const runsOf = (t: Tally) => t.passed + t.failed;

/** A test that both passed and failed on the same code is flaky; one outcome every time is stable. */
export function classify(suspect: Pick<FlakySuspect, 'testId' | 'file' | 'titlePath'>, t: Tally): FlakyConfirmation {
  const runs = runsOf(t);
  const interval = wilsonInterval(t.failed, runs);
  return {
    testId: suspect.testId,
    file: suspect.file,
    titlePath: suspect.titlePath,
    runs,
    passed: t.passed,
    failed: t.failed,
    flakeRate: round(runs === 0 ? 0 : t.failed / runs),
    interval: { low: round(interval.low), high: round(interval.high) },
    classification: t.passed > 0 && t.failed > 0 ? 'confirmed-flaky' : t.failed > 0 ? 'stable-fail' : 'stable-pass',
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const byTestId = (a: { testId: string }, b: { testId: string }) => (a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : 0);
