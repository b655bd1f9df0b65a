import type { FormatterInput, Kernel } from '@aqe/kernel';
import { BaseCommand } from '../../base-command.js';
import { tierFlag } from '../../cache-tier-flag.js';

export default class CachePrune extends BaseCommand<typeof CachePrune> {
  static override summary = 'Remove expired result-cache entries from every tier that keeps them (tiers with native expiry, such as Redis, show none).';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --tier lmdb'];
  static override flags = { tier: tierFlag };

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    const { removeEntries } = await import('@aqe/kernel/cache');
    return { kind: 'cache', data: await removeEntries(kernel, 'prune', this.flags.tier) };
  }
}
