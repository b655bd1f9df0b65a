import type { FormatterInput, Kernel } from '@aqe/kernel';
import { BaseCommand } from '../../base-command.js';

export default class CacheStats extends BaseCommand<typeof CacheStats> {
  static override summary = 'Show every result-cache tier (local, Redis, S3) in read order: entries, hits, misses, writes, errors, and the namespaces this build reads and writes.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --format json'];

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    const { cacheStats } = await import('@aqe/kernel/cache');
    return { kind: 'cache', data: await cacheStats(kernel) };
  }
}
