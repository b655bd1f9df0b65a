import type { FormatterInput, Kernel, ProgressReporter } from '@aqe/kernel';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { runExitCode, runTestsReport } from '../reports/run.js';

export default class Run extends BaseCommand<typeof Run> {
  static override summary = 'Run the tests of every framework present through its own runner, and report them in one model.';
  static override description =
    "Discovers the test files (as `aqe discover`) of the repository root and every workspace package, narrows them to the given paths (a file, a directory or any part of a path, as Vitest filters), projects and shard, runs each framework's files through that framework in its package's directory, and appends every outcome to the run history. Exits 1 when a test or a test file fails or when no test file is found (unless --pass-with-no-tests), 2 on a usage or config error.";
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> src/math -t "adds" --bail',
    '<%= config.bin %> <%= command.id %> --shard 2/4 --format junit --output-file reports/junit.xml',
    '<%= config.bin %> <%= command.id %> --no-cache',
    '<%= config.bin %> <%= command.id %> packages/api -- --maxWorkers=2',
  ];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'Test files or directories (relative to --cwd) to run; all when omitted.' }) };
  static override flags = {
    runner: Flags.string({ description: 'Only this runner (repeatable): vitest, jest, playwright, bun, node.', multiple: true, multipleNonGreedy: true }),
    project: Flags.string({ description: 'Only this workspace package (repeatable): its package name or directory, globs allowed; `.` is the repository root.', multiple: true, multipleNonGreedy: true }),
    'test-name-pattern': Flags.string({ char: 't', aliases: ['testNamePattern'], description: 'Run only tests whose full name matches this regular expression.' }),
    'pass-with-no-tests': Flags.boolean({ aliases: ['passWithNoTests'], description: 'Exit 0 when no test file is found (by default that is exit 1, with the reason).' }),
    silent: Flags.boolean({ description: "Drop the tests' console output (otherwise kept: shown under a failing test, in JUnit's system-out/system-err, bounded in the ai output)." }),
    bail: Flags.boolean({ description: 'Stop after the first failing test file; --bail=<n> after n failing files (as Jest).' }),
    // `--bail=<n>` arrives here (see init): oclif's boolean flags take no value.
    'bail-count': Flags.integer({ hidden: true, min: 1 }),
    retries: Flags.integer({ description: 'Re-run a failing test up to this many times.', min: 0 }),
    shard: Flags.string({ description: 'Run part i of n (e.g. 2/4), balanced by recorded durations when history exists; files served from the result cache count as free.' }),
    cache: Flags.boolean({ description: 'Serve unchanged passing test files from the result cache (--no-cache, or AQE_CACHE=off, runs every file and writes nothing).', default: true, allowNo: true }),
    timing: Flags.boolean({ description: 'Include durations in the ai output (left out by default so identical runs give identical bytes).' }),
    'output-file': Flags.string({ description: 'Write the formatted output to this file (relative to the current directory) instead of stdout.' }),
  };

  override async init(): Promise<void> {
    // Jest's and Vitest's `--bail=<n>`: a count for the boolean flag, read before oclif parses.
    this.argv = this.argv.flatMap((word, i) => {
      const count = /^--bail=(\d+)$/.exec(word)?.[1];
      const before = this.argv.indexOf('--');
      return count && (before === -1 || i < before) ? ['--bail', '--bail-count', count] : [word];
    });
    await super.init();
  }

  protected override timing(): boolean {
    return this.flags.timing;
  }

  protected override outputFile(): string | undefined {
    return this.flags['output-file'];
  }

  protected override async report(kernel: Kernel, progress?: ProgressReporter, signal?: AbortSignal): Promise<FormatterInput> {
    const { argv } = await this.parse(Run);
    // After `--`, the words are the frameworks' own arguments, not paths.
    const dashes = this.argv.indexOf('--');
    const frameworkArgs = dashes === -1 ? [] : this.argv.slice(dashes + 1);
    const paths = (argv as string[]).slice(0, (argv as string[]).length - frameworkArgs.length);
    return runTestsReport(kernel, paths, { ...this.flags, frameworkArgs }, progress, signal);
  }

  protected override exitCodeFor(input: FormatterInput): number {
    return runExitCode(input, this.flags['pass-with-no-tests']);
  }
}
