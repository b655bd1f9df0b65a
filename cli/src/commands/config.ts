import type { FormatterInput, Kernel } from '@aqe/kernel';
import { BaseCommand } from '../base-command.js';

export default class Config extends BaseCommand<typeof Config> {
  static override summary = 'Print the resolved config: defaults filled in, the file it came from.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --config ci/aqe.config.json --format json'];

  // Showing the config must work while a plugin is broken.
  protected override kernelOptions() {
    return { strict: false };
  }

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    return { kind: 'config', data: { ...kernel.config } };
  }
}
