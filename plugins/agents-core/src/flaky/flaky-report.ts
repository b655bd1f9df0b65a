import type { FlakyConfirmation, FlakyHunterInput, FlakyHunterOutput, FlakyReport, FlakySuspect, FormatterInput, Kernel, ProgressReporter, QuarantineEntry } from '@aqe/kernel';
import { confirmSuspects, DEFAULT_CONFIRM_RUNS } from './confirm.js';
import { today, writeQuarantine } from './quarantine-write.js';

export interface FlakyReportOptions {
  /** Only tests in these files or directories (relative to the project root). */
  paths?: string[];
  /** Re-run each suspect's file `runs` times and report a flake rate. */
  confirm?: boolean | undefined;
  runs?: number | undefined;
  /** Add the flaky tests to aqe.quarantine.json (confirmed ones with `confirm`, else every suspect). */
  quarantine?: boolean | undefined;
  limit?: number | undefined;
  minFlips?: number | undefined;
  progress?: ProgressReporter;
  signal?: AbortSignal;
}

/**
 * Flaky tests, in one place: suspects from the run history (the flaky-hunter agent),
 * optionally confirmed by re-running their files, optionally written to the quarantine
 * list (which `aqe run` honours). `aqe flaky` is a thin command over it.
 */
export async function flakyReport(kernel: Kernel, options: FlakyReportOptions = {}): Promise<FormatterInput> {
  const { paths = [], progress, signal } = options;
  const flags = options;
  const input: FlakyHunterInput = {
    ...(paths.length > 0 ? { files: paths } : {}),
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    ...(flags.minFlips === undefined ? {} : { minFlips: flags.minFlips }),
  };
  const { suspects } = await kernel.agents.run<FlakyHunterOutput>('flaky-hunter', input, signal ? { signal } : {});
  const report: FlakyReport = { examined: testsWithHistory(kernel), suspects };
  if (flags.confirm && suspects.length > 0) {
    report.confirm = await confirmSuspects(kernel, suspects, { runs: flags.runs ?? DEFAULT_CONFIRM_RUNS, ...(progress ? { progress } : {}), ...(signal ? { signal } : {}) });
  }
  if (flags.quarantine) {
    const since = today();
    const additions = report.confirm
      ? report.confirm.results.filter((c) => c.classification === 'confirmed-flaky').map((c) => entry(c, confirmedReason(c), since))
      : flags.confirm
        ? []
        : suspects.map((s) => entry(s, `suspected flaky: ${s.reason}`, since));
    report.quarantine = await writeQuarantine(kernel.cwd, additions);
  }
  return { kind: 'flaky', data: report };
}

function testsWithHistory(kernel: Kernel): number {
  let n = 0;
  for (const _ of kernel.store.db('history').range({ prefix: 'test:' })) n++;
  return n;
}

function entry(t: FlakySuspect | FlakyConfirmation, reason: string, since: string): QuarantineEntry {
  return { id: t.testId, file: t.file, titlePath: t.titlePath, reason, since };
}

const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;

function confirmedReason(c: FlakyConfirmation): string {
  return `flaky: failed ${c.failed} of ${c.runs} re-runs (flake rate ${percent(c.flakeRate)}, 95% CI ${percent(c.interval.low)}–${percent(c.interval.high)})`;
}
