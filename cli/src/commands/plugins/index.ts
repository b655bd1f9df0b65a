import type { FormatterInput, Kernel } from '@aqe/kernel';
import { BaseCommand } from '../../base-command.js';

/**
 * Replaces @oclif/plugin-plugins' list: that one lists oclif plugins, this one lists what
 * the kernel loaded (built-in, config, installed, oclif-installed or linked), with status
 * and capabilities. oclif runs the root plugin's command when a core plugin has the same id.
 */
export default class Plugins extends BaseCommand<typeof Plugins> {
  static override summary = 'List aqe plugins: name, version, source, status and capabilities.';
  static override description =
    'Install with `<%= config.bin %> plugins install <package>`, link a local folder with `<%= config.bin %> plugins link <dir>`, remove with `<%= config.bin %> plugins uninstall <name>`. Problems are listed with each plugin; `<%= config.bin %> doctor` explains them.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --format json'];

  // Listing must show broken plugins, not stop at the first under strict config.
  protected override kernelOptions() {
    return { strict: false };
  }

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    return { kind: 'plugins', data: kernel.plugins() };
  }
}
