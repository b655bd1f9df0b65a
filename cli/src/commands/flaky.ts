import { DEFAULT_CONFIRM_RUNS, flakyReport } from '@aqe/agents-core/flaky';
import type { FormatterInput, Kernel, ProgressReporter } from '@aqe/kernel';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { ExitCode } from '../exit-codes.js';

export default class Flaky extends BaseCommand<typeof Flaky> {
  static override summary = 'Find flaky tests in the run history, confirm them by re-running, and quarantine them.';
  static override description =
    "Lists the tests whose outcome changed between runs while their file did not (from the history `aqe run` records). --confirm re-runs each suspect's file and reports a flake rate with a 95% confidence interval; --quarantine writes aqe.quarantine.json, whose failures `aqe run` then reports without failing. Exits 1 when flaky tests are found, 0 when none, 2 on a usage error.";
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --confirm --runs 20', '<%= config.bin %> <%= command.id %> test/api --confirm --quarantine'];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'Only tests in these files or directories (relative to --cwd); all when omitted.' }) };
  static override flags = {
    confirm: Flags.boolean({ description: "Re-run each suspect's file and report a flake rate with a 95% Wilson interval." }),
    runs: Flags.integer({ description: `Re-runs per suspect file with --confirm. [default: ${DEFAULT_CONFIRM_RUNS}]`, min: 1, dependsOn: ['confirm'] }),
    quarantine: Flags.boolean({ description: 'Add the flaky tests (confirmed ones with --confirm, else every suspect) to aqe.quarantine.json.' }),
    limit: Flags.integer({ description: 'At most this many suspects, the strongest first. [default: 100]', min: 1 }),
    'min-flips': Flags.integer({ description: 'Pass/fail changes with unchanged content needed to be a suspect. [default: 1]', min: 1 }),
  };

  protected override async report(kernel: Kernel, progress?: ProgressReporter, signal?: AbortSignal): Promise<FormatterInput> {
    const { argv } = await this.parse(Flaky);
    const { confirm, runs, quarantine, limit } = this.flags;
    return flakyReport(kernel, { paths: argv as string[], confirm, runs, quarantine, limit, minFlips: this.flags['min-flips'], ...(progress ? { progress } : {}), ...(signal ? { signal } : {}) });
  }

  /** 1 when flaky tests were found (confirmed ones with --confirm, else suspects), like a failing check. */
  protected override exitCodeFor(input: FormatterInput): number {
    if (input.kind !== 'flaky') return ExitCode.Ok;
    const { confirm, suspects } = input.data;
    const flaky = confirm ? confirm.results.some((c) => c.classification === 'confirmed-flaky') : suspects.length > 0;
    return flaky ? ExitCode.Failure : ExitCode.Ok;
  }
}
