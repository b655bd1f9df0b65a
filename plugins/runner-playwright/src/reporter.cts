/**
 * The Playwright reporter aqe's run passes with --reporter (dist/reporter.cjs, referenced by
 * absolute path). It runs in Playwright's main process and forwards file starts, each test's
 * final result and file results as one JSON line on the descriptor in AQE_PLAYWRIGHT_EVENTS_FD.
 * Writes are synchronous: nothing is lost when Playwright exits right after.
 */
import fs = require('node:fs');
import eventChannel = require('@aqe/kernel/event-channel');
import type { PlaywrightError, PlaywrightOutput, PlaywrightRunEvent } from './run-protocol.js';

/** The slices of Playwright's reporter API used here (no type dependency on @playwright/test). */
interface Location {
  file: string;
  line: number;
  column: number;
}
interface Suite {
  allTests(): TestCase[];
}
interface TestCase {
  title: string;
  /** The root, project and file suites' titles, the describe blocks', then the test's. */
  titlePath(): string[];
  location: Location;
  retries: number;
  results: TestResult[];
  outcome(): string;
}
interface TestResult {
  retry: number;
  status: string;
  duration: number;
  errors: PlaywrightError[];
  startTime?: Date;
}
interface FullConfig {
  projects: unknown[];
}

const fd = Number(process.env.AQE_PLAYWRIGHT_EVENTS_FD);
/** `aqe run --silent`: the tests' output is dropped anyway, so it is not collected. */
const silent = process.env.AQE_PLAYWRIGHT_SILENT === '1';
const send = eventChannel.createEventSender<PlaywrightRunEvent>(fd);

interface FileState {
  total: number;
  done: number;
  started: number | undefined;
}

class AqePlaywrightReporter {
  private readonly files = new Map<string, FileState>();
  private withProject = false;
  /** What each attempt printed, in order over both streams (TestResult.stdout/stderr are one array per stream). */
  private readonly output = new Map<TestResult, PlaywrightOutput[]>();

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.withProject = config.projects.length > 1;
    for (const test of suite.allTests()) {
      const state = this.files.get(test.location.file) ?? { total: 0, done: 0, started: undefined };
      state.total++;
      this.files.set(test.location.file, state);
    }
    send({ type: 'begin', files: Object.fromEntries([...this.files].map(([file, state]) => [file, state.total])) });
  }

  onTestBegin(test: TestCase): void {
    this.start(test.location.file);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const outcome = test.outcome();
    const output = this.output.get(result);
    this.output.delete(result);
    // A failed attempt that Playwright retries is not the test's result yet.
    if (outcome === 'unexpected' && result.status !== 'interrupted' && result.status !== 'skipped' && result.retry < test.retries) return;
    const file = test.location.file;
    const state = this.start(file);
    send({
      type: 'test',
      path: file,
      test: {
        titlePath: this.titlePath(test),
        location: { line: test.location.line, column: test.location.column },
        outcome,
        status: result.status,
        durationMs: test.results.reduce((sum, r) => sum + Math.max(0, r.duration), 0),
        retries: result.retry,
        errors: result.errors.map(plainError),
        ...(output ? { output } : {}),
      },
    });
    state.done++;
    if (state.done === state.total) this.finish(file, state, true);
  }

  /**
   * Output Playwright attributes to a test attempt (its body, hooks and fixtures). Output with
   * no test (a worker loading a file, global setup) names no file either, so it is dropped.
   */
  onStdOut(chunk: string | Uint8Array, _test?: TestCase, result?: TestResult): void {
    this.print('stdout', chunk, result);
  }

  onStdErr(chunk: string | Uint8Array, _test?: TestCase, result?: TestResult): void {
    this.print('stderr', chunk, result);
  }

  private print(stream: PlaywrightOutput['stream'], chunk: string | Uint8Array, result: TestResult | undefined): void {
    if (silent || !result) return;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const output = this.output.get(result) ?? [];
    output.push({ stream, text });
    this.output.set(result, output);
  }

  onError(error: PlaywrightError): void {
    send({ type: 'error', error: plainError(error) });
  }

  onEnd(result: { status: string }): void {
    // Files begun whose tests did not all finish (max failures, interrupted, a worker crash).
    for (const [file, state] of this.files) {
      if (state.started !== undefined && state.done < state.total) this.finish(file, state, false);
    }
    send({ type: 'end', status: result.status });
  }

  private start(file: string): FileState {
    const state = this.files.get(file) ?? { total: 1, done: 0, started: undefined };
    this.files.set(file, state);
    if (state.started === undefined) {
      state.started = performance.now();
      send({ type: 'file-start', path: file });
    }
    return state;
  }

  private finish(file: string, state: FileState, complete: boolean): void {
    send({ type: 'file-result', path: file, durationMs: performance.now() - (state.started ?? performance.now()), complete });
    // Reported once.
    state.total = -1;
  }

  /**
   * Describe blocks then the title; the project first when there are several. Playwright's
   * titlePath is the root, project and file suites' titles then those, in every version
   * (Suite.type, which tells the suites apart, is newer than 1.40).
   */
  private titlePath(test: TestCase): string[] {
    const [, project = '', , ...path] = test.titlePath();
    return this.withProject ? [project, ...path] : path;
  }
}

function plainError(error: PlaywrightError): PlaywrightError {
  return {
    ...(typeof error.message === 'string' ? { message: error.message } : {}),
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    ...(error.location ? { location: { file: error.location.file, line: error.location.line, column: error.location.column } } : {}),
  };
}

export = AqePlaywrightReporter;
