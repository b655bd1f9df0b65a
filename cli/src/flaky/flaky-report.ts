import type { FlakyConfirmation, FlakyHunterInput, FlakyHunterOutput, FlakyReport, FlakySuspect, FormatterInput, Kernel, ProgressReporter, QuarantineEntry } from '@aqe/kernel';
import { ExitCode } from '../exit-codes.js';
import { confirmSuspects, DEFAULT_CONFIRM_RUNS } from './confirm.js';
import { today, writeQuarantine } from './quarantine-write.js';

export interface FlakyFlags {
  confirm?: boolean | undefined;
  runs?: number | undefined;
  quarantine?: boolean | undefined;
  limit?: number | undefined;
  'min-flips'?: number | undefined;
}

/**
 * `aqe flaky`: suspects from the run history (the flaky-hunter agent), optionally
 * confirmed by re-running their files, optionally written to the quarantine list.
 */
export async function flakyReport(kernel: Kernel, paths: string[], flags: FlakyFlags, progress?: ProgressReporter, signal?: AbortSignal): Promise<FormatterInput> {
  const input: FlakyHunterInput = {
    ...(paths.length > 0 ? { files: paths } : {}),
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    ...(flags['min-flips'] === undefined ? {} : { minFlips: flags['min-flips'] }),
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

/** 1 when flaky tests were found (confirmed ones with --confirm, else suspects), like a failing check. */
export function flakyExitCode(input: FormatterInput): number {
  if (input.kind !== 'flaky') return ExitCode.Ok;
  const { confirm, suspects } = input.data;
  const flaky = confirm ? confirm.results.some((c) => c.classification === 'confirmed-flaky') : suspects.length > 0;
  return flaky ? ExitCode.Failure : ExitCode.Ok;
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
