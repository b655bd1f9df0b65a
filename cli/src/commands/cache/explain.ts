import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { FormatterInput, Kernel } from '@aqe/kernel';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { CliErrorCodes, UsageError } from '../../errors.js';

export default class CacheExplain extends BaseCommand<typeof CacheExplain> {
  static override summary = 'Print the result-cache key of a test file and every input it covers (files it imports, config files, lockfile, runner, Node, environment), sorted.';
  static override examples = ['<%= config.bin %> <%= command.id %> test/math.test.ts', '<%= config.bin %> <%= command.id %> test/math.test.ts --json'];
  static override args = { file: Args.string({ description: 'A test file, relative to the current directory.', required: true }) };
  static override flags = { json: Flags.boolean({ description: 'Same as --format json.' }) };

  protected override formatOverride(): string | undefined {
    return this.flags.json ? 'json' : undefined;
  }

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    const { args } = await this.parse(CacheExplain);
    const file = relative(kernel.cwd, isAbsolute(args.file) ? args.file : resolve(args.file))
      .split(sep)
      .join('/');
    const { explainCacheKey } = await import('@aqe/kernel/cache');
    const data = await explainCacheKey(kernel, file);
    if (!data) throw new UsageError(CliErrorCodes.INVALID_FLAG, `${file} is not a test file of any runner in ${kernel.cwd}`, 'Name a file that `aqe discover` lists, relative to the current directory');
    return { kind: 'cache', data };
  }
}
