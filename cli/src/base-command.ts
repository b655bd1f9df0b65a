import { closest } from './closest-name.js';
import { resolve } from 'node:path';
import type { FormatterInput, Kernel, KernelOptions, ProgressReporter } from '@aqe/kernel';
import { Command, Flags, type Interfaces } from '@oclif/core';
import { exitCodeOf } from './exit-codes.js';
import { oclifPluginInputs } from './oclif-plugins.js';
import { runReport } from './run-report.js';

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;

/**
 * Every aqe command: parse the global flags, open a kernel with the CLI's preset plus
 * oclif-installed plugins, build a report, render it through the selected formatter
 * (the CLI formats nothing itself), dispose the kernel, map errors to exit codes.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    cwd: Flags.directory({
      description: 'Project root: config and installed plugins are looked up here. [default: the current directory]',
      exists: true,
      helpGroup: 'GLOBAL',
      // Resolved when the command runs; a cached default would be the build machine's cwd.
      default: async () => process.cwd(),
      noCacheDefault: true,
    }),
    config: Flags.string({
      description: 'Config file to use instead of searching the project root (a path relative to the current directory).',
      helpGroup: 'GLOBAL',
    }),
    format: Flags.string({
      description: 'Formatter that renders the output: any registered formatter id (built in: human, json, ai, junit, github). [default: ai when AQE_AI_OUTPUT=1 or an AI assistant is detected (CLAUDECODE=1, ...), else human]',
      helpGroup: 'GLOBAL',
    }),
  };

  protected flags!: CommandFlags<T>;

  /** What the command reports; the formatter decides how it looks. */
  protected abstract report(kernel: Kernel, progress?: ProgressReporter, signal?: AbortSignal): Promise<FormatterInput>;

  /** Exit code once the report is rendered; commands that can find failures override it. */
  protected exitCodeFor(_input: FormatterInput, _kernel: Kernel): number {
    return 0;
  }

  /** A command-specific flag that picks the formatter (e.g. --json); --format still wins. */
  protected formatOverride(): string | undefined {
    return undefined;
  }

  /** Durations in deterministic output (`aqe run --timing`). */
  protected timing(): boolean {
    return false;
  }

  /** A file to write the formatted output to instead of stdout (`--output-file`). */
  protected outputFile(): string | undefined {
    return undefined;
  }

  /** Per-command kernel options, e.g. a diagnostic command that must not fail fast. */
  protected kernelOptions(): Pick<KernelOptions, 'strict' | 'memoryStore'> {
    return {};
  }

  override async init(): Promise<void> {
    await super.init();
    const { flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as CommandFlags<T>;
  }

  async run(): Promise<void> {
    const format = this.flags.format ?? this.formatOverride();
    process.exitCode = await runReport({
      cwd: resolve(this.flags.cwd),
      ...(this.flags.config === undefined ? {} : { config: resolve(this.flags.config) }),
      ...(format === undefined ? {} : { format }),
      ...(this.outputFile() === undefined ? {} : { outputFile: resolve(this.outputFile()!) }),
      ...(this.timing() ? { timing: true } : {}),
      ...this.kernelOptions(),
      extra: oclifPluginInputs(this.config),
      report: (kernel, progress, signal) => this.report(kernel, progress, signal),
      exitCodeFor: (input, kernel) => this.exitCodeFor(input, kernel),
    });
  }

  protected override async catch(error: Interfaces.CommandError & Partial<Interfaces.OclifError>): Promise<unknown> {
    // oclif's own errors (bad flags, this.exit) already carry their exit code.
    if (error.oclif?.exit !== undefined) return super.catch(withFlagSuggestion(error, this.ctor));
    return super.catch(Object.assign(error, { oclif: { exit: exitCodeOf(error) } }));
  }
}

/** oclif names an unknown flag but suggests nothing: add the nearest flag the command has ("Did you mean --bail?"). */
function withFlagSuggestion<E extends Error>(error: E, command: typeof Command): E {
  const unknown = /Nonexistent flags?: (--?[\w-]+)/.exec(error.message)?.[1];
  if (!unknown) return error;
  const flags = { ...(command as typeof BaseCommand).baseFlags, ...command.flags };
  const names = Object.entries(flags).flatMap(([name, flag]) => [name, ...((flag as { aliases?: string[] }).aliases ?? [])]);
  const near = closest(unknown.replace(/^-+/, ''), names);
  if (near) error.message = `${error.message.split('\n')[0]}\nDid you mean --${near}?`;
  return error;
}
