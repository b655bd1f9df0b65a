import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FormatterInput, Kernel, PluginInput, ProgressReporter } from '@aqe/kernel';
import { settleThreads } from '@aqe/kernel/head-start';
import { defaultFormat } from './default-format.js';
import { isInteractive } from './interactive.js';
import { openKernel } from './open-kernel.js';
import { assertRenders, selectFormatter } from './select-formatter.js';

export interface ReportRun {
  cwd: string;
  /** Absolute config path; absent means the kernel searches cwd. */
  config?: string;
  /** Formatter id; absent means the default for this environment (ai for assistants, else human). */
  format?: string;
  strict?: boolean;
  /** Keep the store in memory: read nothing earlier runs kept, write nothing (`discover --no-cache`). */
  memoryStore?: boolean;
  /** Absolute path: the formatted output goes there, stdout stays empty. */
  outputFile?: string;
  /** Plugins installed or linked through `aqe plugins`, after the preset. */
  extra: PluginInput[];
  /** `progress` is the selected formatter's live display, when it has one and output is interactive. */
  report(kernel: Kernel, progress: ProgressReporter | undefined, signal: AbortSignal): Promise<FormatterInput>;
  /** Durations in otherwise deterministic output (`--timing`). */
  timing?: boolean;
  exitCodeFor(input: FormatterInput, kernel: Kernel): number;
}

/**
 * The body of every reporting command, shared by the oclif commands and the lean
 * fast path: open a kernel, build the report, render it through a formatter plugin
 * (the CLI formats nothing itself), dispose the kernel. Returns the exit code.
 */
export async function runReport(run: ReportRun): Promise<number> {
  try {
    return await reportWithKernel(run);
  } finally {
    // A framework's config thread that no discover took up (a runner not detected after
    // all, or the kernel failed first) leaves before aqe exits: Node ending it at exit
    // can race its fs calls.
    await settleThreads();
  }
}

async function reportWithKernel(run: ReportRun): Promise<number> {
  const kernel = await openKernel({
    cwd: run.cwd,
    ...(run.config === undefined ? {} : { config: run.config }),
    ...(run.strict === undefined ? {} : { strict: run.strict }),
    ...(run.memoryStore ? { memoryStore: true } : {}),
    extra: run.extra,
  });
  try {
    const formatter = selectFormatter(kernel.registry, run.format ?? defaultFormat());
    const options = { interactive: isInteractive(), cwd: kernel.cwd, ...(run.timing ? { timing: true } : {}) };
    const progress = options.interactive && !run.outputFile ? formatter.progress?.(options, process.stderr) : undefined;
    // Ctrl-C aborts the run: runners stop their framework's processes (their own process
    // groups would not get the terminal's signal) and what finished is still reported.
    const controller = new AbortController();
    const abort = () => controller.abort();
    process.once('SIGINT', abort);
    process.once('SIGTERM', abort);
    let input: FormatterInput;
    try {
      input = await run.report(kernel, progress, controller.signal);
    } finally {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
      progress?.runEnd();
    }
    assertRenders(formatter, kernel.registry, input.kind);
    const text = formatter.render(input, options);
    const out = text.endsWith('\n') ? text : `${text}\n`;
    if (run.outputFile) {
      await mkdir(dirname(run.outputFile), { recursive: true });
      await writeFile(run.outputFile, out);
    } else {
      process.stdout.write(out);
    }
    return controller.signal.aborted ? 130 : run.exitCodeFor(input, kernel);
  } finally {
    await kernel.dispose();
  }
}
