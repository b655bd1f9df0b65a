import type { FormatterInput, Kernel } from '@aqe/kernel';
import { BaseCommand } from '../../base-command.js';
import { tierFlag } from '../../cache-tier-flag.js';

export default class CacheClear extends BaseCommand<typeof CacheClear> {
  static override summary = "Remove every result-cache entry from every tier (or the --tier ones). Shared tiers are cleared for everyone who uses them, in every namespace under aqe's prefix.";
  static override examples = ['<%= config.bin %> <%= command.id %> --tier lmdb', '<%= config.bin %> <%= command.id %>'];
  static override flags = { tier: tierFlag };

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    const { removeEntries } = await import('@aqe/kernel/cache');
    return { kind: 'cache', data: await removeEntries(kernel, 'clear', this.flags.tier) };
  }
}
