import type { ResultFile, RunOptions, RunResult, TestCase, TestError, TestOutput } from '@aqe/kernel';
import { describeCrash, type FrameworkExit, RunCollector } from '@aqe/kernel/runner-kit';
import { toFileError, toTestCase } from './normalise.js';
import type { JestRunEvent, SentTestOutput } from './run-protocol.js';

/** What a file's runs reported at their ends, while another run of it may still come. */
interface Ended {
  durationMs: number;
  error?: TestError;
  output: TestOutput[];
  /** What tests streamed before printed, in the order of their runs. */
  testOutput: SentTestOutput[];
}

/**
 * Jest's events (reporter.cts) told to the kit's collector. A file two `projects` claim runs
 * once per project and Jest counts its tests each time, so a file is finished only when no
 * run of it is open and none can start any more: at once with a single project, otherwise
 * once every run Jest announced has started (or the run completed).
 */
export class JestRun {
  readonly #collector: RunCollector;
  readonly #files = new Map<string, ResultFile>();
  /** Runs started and not ended, per file. */
  readonly #open = new Map<string, number>();
  /** Files whose runs all ended, waiting in case another project runs them too. */
  readonly #ended = new Map<string, Ended>();
  readonly #notices = new Set<string>();
  #runs = 0;
  #started = 0;
  #mayRepeat = false;
  completed = false;

  constructor(options: RunOptions) {
    this.#collector = new RunCollector('jest', options);
  }

  handle(event: JestRunEvent): void {
    switch (event.type) {
      case 'run-start':
        this.#runs = event.runs;
        this.#mayRepeat = event.projects > 1;
        return;
      case 'file-start':
        this.#started++;
        this.#open.set(event.path, (this.#open.get(event.path) ?? 0) + 1);
        this.#collector.start(this.#file(event.path).file);
        if (this.#started >= this.#runs) this.#finishEnded();
        return;
      case 'test':
        this.#collector.test(this.#file(event.path).file, toTestCase(event.test, this.#file(event.path)));
        return;
      case 'file-result':
        this.#fileResult(event);
        return;
      case 'run-complete':
        this.completed = true;
        this.#finishEnded();
        return;
      case 'notice':
        this.#notices.add(event.message);
        return;
    }
  }

  /** A file that failed outside Jest's run of it (Jest is not installed). */
  fail(file: string, error: TestError): void {
    this.#collector.fail(file, error);
  }

  /**
   * After Jest exited: the requested files it never finished fail with why (it crashed,
   * or it does not take them as test files), except those an abort or --bail left unrun.
   */
  settle(files: readonly string[], exit: FrameworkExit, options: RunOptions): void {
    this.#finishEnded();
    this.#collector.settle(files, () => {
      if (options.signal?.aborted || (options.bail && this.completed && this.#collector.anyFailed)) return undefined;
      if (this.completed) return { message: "Jest did not run this file: it is not a test file of the project's Jest config (testMatch, testRegex, testPathIgnorePatterns, projects)" };
      return describeCrash('Jest', exit);
    });
  }

  result(startedMs: number): RunResult {
    const result = this.#collector.result(startedMs);
    return this.#notices.size > 0 ? { ...result, notices: [...this.#notices] } : result;
  }

  #fileResult(event: Extract<JestRunEvent, { type: 'file-result' }>): void {
    const file = this.#file(event.path);
    for (const test of event.tests) this.#collector.test(file.file, toTestCase(test, file));
    const ended = this.#ended.get(event.path) ?? { durationMs: 0, output: [], testOutput: [] };
    ended.durationMs += event.durationMs;
    if (event.output) ended.output.push(...event.output);
    if (event.testOutput) ended.testOutput.push(...event.testOutput);
    if (event.execError && !ended.error) ended.error = toFileError(event.execError, file);
    this.#ended.set(event.path, ended);
    this.#open.set(event.path, Math.max(0, (this.#open.get(event.path) ?? 1) - 1));
    if (!this.#mayRepeat || this.#started >= this.#runs) this.#finishEnded();
  }

  /** Finishes every file none of whose runs is still open. */
  #finishEnded(): void {
    for (const [path, ended] of this.#ended) {
      if ((this.#open.get(path) ?? 0) > 0) continue;
      this.#ended.delete(path);
      const { testOutput, ...end } = ended;
      this.#collector.finish(this.#file(path).file, { ...end, testOutput: outputOf(testOutput) });
    }
  }

  /** The result name of a path as Jest has it (absolute, maybe the real path under a symlinked root). */
  #file(path: string): ResultFile {
    let file = this.#files.get(path);
    if (!file) {
      file = this.#collector.resultFile(path);
      this.#files.set(path, file);
    }
    return file;
  }
}

/**
 * The streamed tests' output, each given once: a test is known by its title path and where
 * it is declared; one a file's second run (another project) repeats takes the second entry.
 */
function outputOf(sent: readonly SentTestOutput[]): (test: TestCase) => TestOutput[] | undefined {
  const key = (titlePath: readonly string[], location: { line: number; column: number } | null | undefined) => JSON.stringify([titlePath, location?.line, location?.column]);
  const queues = new Map<string, TestOutput[][]>();
  for (const entry of sent) queues.set(key(entry.titlePath, entry.location), [...(queues.get(key(entry.titlePath, entry.location)) ?? []), entry.output]);
  return (test) => (queues.size === 0 ? undefined : queues.get(key(test.titlePath, test.location))?.shift());
}
