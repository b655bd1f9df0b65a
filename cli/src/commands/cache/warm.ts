import type { FormatterInput, Kernel, ProgressReporter } from '@aqe/kernel';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { runTestsReport } from '../../reports/run.js';

export default class CacheWarm extends BaseCommand<typeof CacheWarm> {
  static override summary = 'Run the suite to fill the result cache, and report counts instead of test results.';
  static override description =
    '`aqe run` with the cache on, for a CI job that fills a shared cache (e.g. on the main branch with AQE_CACHE_WRITE=trusted): files already cached are not run again, every file that passes is written to every tier. Prints how many files ran, were cached and failed; failing files are never cached. Exits 0 once the run finished, whatever the tests did: use `aqe run` to gate on them.';
  static override examples = ['<%= config.bin %> <%= command.id %>', 'AQE_CACHE_WRITE=trusted <%= config.bin %> <%= command.id %> --shard 1/4'];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'Test files or directories (relative to --cwd); all when omitted.' }) };
  static override flags = {
    runner: Flags.string({ description: 'Only this runner (repeatable).', multiple: true, multipleNonGreedy: true }),
    shard: Flags.string({ description: 'Warm part i of n (e.g. 2/4), to fill the cache from several machines.' }),
  };

  protected override async report(kernel: Kernel, progress?: ProgressReporter, signal?: AbortSignal): Promise<FormatterInput> {
    const { argv } = await this.parse(CacheWarm);
    const run = await runTestsReport(kernel, argv as string[], this.flags, progress, signal);
    if (run.kind !== 'run') return run;
    const { files } = run.data;
    const cached = files.filter((f) => f.status === 'cached').length;
    return {
      kind: 'cache',
      data: { command: 'warm', files: files.length, ran: files.length - cached, cached, failed: files.filter((f) => f.status === 'failed').length, cache: run.data.cache ?? null },
    };
  }
}
