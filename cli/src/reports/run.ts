import type { FormatterInput, Kernel, ProgressReporter, RunTestsOptions } from '@aqe/kernel';
import { parseShard } from '@aqe/kernel/run';
import { CliErrorCodes, UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export interface RunFlags {
  runner?: string[] | undefined;
  project?: string[] | undefined;
  'test-name-pattern'?: string | undefined;
  bail?: boolean | undefined;
  'bail-count'?: number | undefined;
  retries?: number | undefined;
  shard?: string | undefined;
  cache?: boolean | undefined;
  silent?: boolean | undefined;
  frameworkArgs?: string[] | undefined;
}

/** `aqe run`, shared by the oclif command; flags are checked before any test starts. */
export async function runTestsReport(kernel: Kernel, paths: string[], flags: RunFlags, progress?: ProgressReporter, signal?: AbortSignal): Promise<FormatterInput> {
  const options: RunTestsOptions = { paths, ...(signal ? { signal } : {}) };
  if (progress) {
    options.onRunStart = (n) => progress.runStart(n);
    options.onFileStart = (f) => progress.fileStart(f);
    options.onFileResult = (r) => progress.fileResult(r);
  }
  if (flags.runner) options.runners = flags.runner;
  if (flags.project) options.projects = flags.project;
  if (flags['test-name-pattern'] !== undefined) options.testNamePattern = flags['test-name-pattern'];
  if (flags.bail) options.bail = flags['bail-count'] ?? true;
  if (flags.retries !== undefined) options.retries = flags.retries;
  if (flags.cache === false) options.cache = false;
  if (flags.silent) options.silent = true;
  if (flags.frameworkArgs && flags.frameworkArgs.length > 0) options.frameworkArgs = flags.frameworkArgs;
  if (flags.shard !== undefined) {
    const shard = parseShard(flags.shard);
    if (!shard) throw new UsageError(CliErrorCodes.INVALID_FLAG, `--shard "${flags.shard}" is not of the form i/n with 1 ≤ i ≤ n`, 'Use e.g. --shard 2/4 for the second of four machines');
    options.shard = shard;
  }
  return { kind: 'run', data: await kernel.run(options) };
}

/**
 * As Vitest and Jest exit: 1 when a test or file failed (a runner that could not run at all
 * fails as its config file), or when nothing was found to run (unless `--pass-with-no-tests`).
 * Quarantined failures (aqe.quarantine.json) are reported but do not fail the run.
 */
export function runExitCode(input: FormatterInput, passWithNoTests = false): number {
  if (input.kind !== 'run') return ExitCode.Ok;
  const { files, summary, noTests } = input.data;
  const failing = summary.failed - (summary.quarantined ?? 0) > 0 || files.some((f) => f.status === 'failed' && (f.error !== undefined || !f.tests.some((t) => t.quarantined)));
  if (failing) return ExitCode.Failure;
  if (noTests !== undefined && !passWithNoTests) return ExitCode.Failure;
  return ExitCode.Ok;
}
