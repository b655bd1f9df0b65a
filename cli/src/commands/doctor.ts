import type { FormatterInput, Kernel } from '@aqe/kernel';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { doctorReport } from '../doctor-report.js';
import { ExitCode } from '../exit-codes.js';

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override summary = 'Check the Node version, the store, every plugin and the test frameworks detected.';
  static override description = 'Lists each plugin that failed validation, setup or a hook, with the reason and the fix. Exits 0 even then, unless strict mode is on (--strict or "strict": true in config), where any problem exits 1.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --strict --format json'];
  static override flags = {
    strict: Flags.boolean({ description: 'Exit 1 when any check fails (same as "strict": true in config).' }),
  };

  // Doctor must see every broken plugin, so the kernel never fails fast here; strict
  // mode decides only the exit code.
  protected override kernelOptions() {
    return { strict: false };
  }

  protected override async report(kernel: Kernel): Promise<FormatterInput> {
    return { kind: 'doctor', data: await doctorReport(kernel, this.config.pjson.engines?.node ?? '*') };
  }

  protected override exitCodeFor(input: FormatterInput, kernel: Kernel): number {
    const strict = this.flags.strict || kernel.config.strict;
    return strict && input.kind === 'doctor' && !input.data.ok ? ExitCode.Failure : ExitCode.Ok;
  }
}
