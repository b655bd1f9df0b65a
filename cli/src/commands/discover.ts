import type { FormatterInput, Kernel, KernelOptions } from '@aqe/kernel';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { discoverExitCode, discoverKernelOptions, discoverReport } from '../reports/discover.js';

export default class Discover extends BaseCommand<typeof Discover> {
  static override summary = 'List every test file, per framework, as each framework itself would run them.';
  static override description =
    "Walks the repository once (honouring .gitignore) through a persistent index, then applies each detected framework's own rules (Vitest include/exclude/projects, Jest testMatch/testRegex/roots/projects, Playwright testDir/testMatch/testIgnore, Bun, node --test). Paths are relative to the project root and sorted. Exits 1 when a framework's config cannot be loaded.";
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --runner jest --json', '<%= config.bin %> <%= command.id %> --format ai --no-cache'];
  static override flags = {
    runner: Flags.string({ description: 'Only this runner (repeatable): vitest, jest, playwright, bun, node.', multiple: true, multipleNonGreedy: true }),
    json: Flags.boolean({ description: 'Shorthand for --format json.' }),
    cache: Flags.boolean({ description: 'Use the file index and resolved-config cache (--no-cache walks cold, reloads configs, and neither reads nor changes the store).', default: true, allowNo: true }),
  };

  protected override formatOverride(): string | undefined {
    return this.flags.json ? 'json' : undefined;
  }

  protected override kernelOptions(): Pick<KernelOptions, 'memoryStore'> {
    return discoverKernelOptions(this.flags);
  }

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    return discoverReport(kernel, this.flags);
  }

  protected override exitCodeFor(input: FormatterInput): number {
    return discoverExitCode(input);
  }
}
