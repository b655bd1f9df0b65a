import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { type RunOptions, type RunResult, type TestCase, type TestError, type TestFileResult, summarise } from '@aqe/kernel';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { type ErrorFile, normaliseError } from './normalise-error.js';
import type { ChildMessage, RunRequest, WireError } from './protocol.js';
import { runVitestProcess, type VitestExit } from './vitest-process.js';

const RUNNER = 'vitest';

/**
 * Runs `files` (relative to `options.root`) with the project's installed Vitest in a child
 * process (run-child.ts) and streams the results as its reporter reports them.
 */
export async function runVitest(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const run = new RunState(files, options);
  if (files.length > 0 && !options.signal?.aborted) {
    const entry = resolveVitest(options.root);
    if (entry === undefined) {
      const error = { message: `vitest is not installed: vitest/node cannot be resolved from ${options.root}. Install it: npm install --save-dev vitest` };
      for (const file of files) run.fail(file, error);
    } else {
      await run.drive(entry);
    }
  }
  const results = run.results();
  return { files: results, summary: summarise(results, performance.now() - started) };
}

function resolveVitest(root: string): string | undefined {
  try {
    return createRequire(join(root, 'package.json')).resolve('vitest/node');
  } catch {
    return undefined;
  }
}

interface OpenFile {
  tests: TestCase[];
  errors: TestError[];
  durationMs: number;
  states: string[];
}

/** One run: the child's messages in, TestCase/TestFileResult (and the callbacks) out. */
class RunState {
  readonly #files: readonly string[];
  readonly #options: RunOptions;
  /** Absolute path (as given and real) → relative file, and back. */
  readonly #byPath = new Map<string, string>();
  readonly #pathsOf = new Map<string, Set<string>>();
  readonly #modulesLeft = new Map<string, number>();
  readonly #projects = new Map<string, Set<string>>();
  readonly #open = new Map<string, OpenFile>();
  readonly #done = new Map<string, TestFileResult>();
  #ended = false;
  #endReason = '';
  #fatal: TestError | undefined;
  #aborted = false;

  constructor(files: readonly string[], options: RunOptions) {
    this.#files = files;
    this.#options = options;
    for (const file of files) {
      const absolute = resolve(options.root, file);
      const paths = new Set([absolute]);
      try {
        paths.add(realpathSync(absolute));
      } catch {
        // A missing file: Vitest will not match it either and it is reported as such.
      }
      for (const path of paths) this.#byPath.set(path, file);
      this.#pathsOf.set(file, paths);
    }
  }

  results(): TestFileResult[] {
    return [...this.#done.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /** A file that never started: failed with `error`. */
  fail(file: string, error: TestError, tests: TestCase[] = []): void {
    if (this.#done.has(file)) return;
    this.#open.delete(file);
    this.#finish({ file, runner: RUNNER, status: 'failed', durationMs: 0, tests, error });
  }

  async drive(entry: string): Promise<void> {
    const request: RunRequest = {
      files: this.#files.map((file) => resolve(this.#options.root, file)),
      ...(this.#options.testNamePattern === undefined ? {} : { testNamePattern: this.#options.testNamePattern }),
      ...(this.#options.bail ? { bail: true } : {}),
      ...(this.#options.retries === undefined ? {} : { retry: this.#options.retries }),
    };
    const { exit, stderr } = await runVitestProcess(entry, request, {
      root: this.#options.root,
      ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      onLine: (line) => this.#handleLine(line),
      onAbort: () => {
        this.#aborted = true;
      },
    });
    if (!this.#aborted) this.#settle(exit, stderr);
  }

  #handleLine(line: string): void {
    let message: ChildMessage;
    try {
      message = JSON.parse(line) as ChildMessage;
    } catch {
      return;
    }
    if (this.#aborted) return;
    switch (message.type) {
      case 'plan':
        for (const { file, project } of message.modules) {
          const rel = this.#rel(file);
          this.#modulesLeft.set(rel, (this.#modulesLeft.get(rel) ?? 0) + 1);
          this.#projects.set(rel, (this.#projects.get(rel) ?? new Set()).add(project));
        }
        for (const file of message.unmatched) {
          const reason = existsSync(file) ? 'no project of the Vitest config includes it (check include/exclude)' : 'it does not exist';
          this.fail(this.#rel(file), { message: `Vitest does not run this file: ${reason}` });
        }
        break;
      case 'module-start':
        this.#start(this.#rel(message.file));
        break;
      case 'test': {
        const file = this.#rel(message.file);
        const open = this.#start(file);
        const multiProject = (this.#projects.get(file)?.size ?? 0) > 1;
        const titlePath = multiProject ? [message.project, ...message.titlePath] : message.titlePath;
        const error = combine(message.errors.map((e) => normaliseError(e, this.#errorFile(file))));
        const test: TestCase = {
          id: `${file} > ${titlePath.join(' > ')}`,
          file,
          titlePath,
          ...(message.location ? { location: message.location } : {}),
          status: message.state,
          durationMs: message.durationMs,
          retries: message.retries,
          ...(error ? { error } : {}),
        };
        open.tests.push(test);
        this.#options.onTestResult?.(test);
        break;
      }
      case 'module-end': {
        const file = this.#rel(message.file);
        const open = this.#start(file);
        open.errors.push(...message.errors.map((e) => normaliseError(e, this.#errorFile(file))));
        open.durationMs += message.durationMs;
        open.states.push(message.state);
        const left = (this.#modulesLeft.get(file) ?? 1) - 1;
        this.#modulesLeft.set(file, left);
        if (left <= 0) this.#close(file);
        break;
      }
      case 'end':
        this.#ended = true;
        this.#endReason = message.reason;
        if (message.unhandled.length > 0) this.#unhandled(message.unhandled);
        break;
      case 'fatal':
        this.#fatal = normaliseError(message.error);
        break;
    }
  }

  #start(file: string): OpenFile {
    let open = this.#open.get(file);
    if (!open) {
      open = { tests: [], errors: [], durationMs: 0, states: [] };
      this.#open.set(file, open);
      this.#options.onFileStart?.(file);
    }
    return open;
  }

  #close(file: string): void {
    const open = this.#open.get(file);
    if (!open || this.#done.has(file)) return;
    this.#open.delete(file);
    const error = combine(open.errors);
    const failed = error !== undefined || open.tests.some((t) => t.status === 'failed') || open.states.includes('failed');
    const skipped = open.tests.length > 0 ? open.tests.every((t) => t.status === 'skipped' || t.status === 'todo') : open.states.length > 0 && open.states.every((s) => s === 'skipped');
    const status = failed ? 'failed' : skipped ? 'skipped' : 'passed';
    this.#finish({ file, runner: RUNNER, status, durationMs: Math.round(open.durationMs), tests: open.tests, ...(error ? { error } : {}) });
  }

  #finish(result: TestFileResult): void {
    this.#done.set(result.file, result);
    this.#options.onFileResult?.(result);
  }

  /** Errors Vitest caught that no file claimed: a failed entry named after the config, like the kernel does for runner errors. */
  #unhandled(errors: (WireError & { file?: string })[]): void {
    // A worker killed mid-file is reported on no file; the files it was running never ended.
    const lost = errors.find((e) => e.file === undefined && WORKER_DIED.test(e.message));
    if (lost && this.#open.size > 0) {
      const crash = normaliseError(lost);
      for (const [file, open] of [...this.#open]) this.fail(file, { ...crash, message: `Vitest lost the worker running this file: ${crash.message}` }, open.tests);
      errors = errors.filter((e) => e !== lost);
      if (errors.length === 0) return;
    }
    const label = this.#options.detection.configFiles[0] ?? RUNNER;
    const normalised = errors.map((e) => {
      const file = e.file === undefined ? undefined : this.#rel(e.file);
      const error = normaliseError(e, file === undefined ? undefined : this.#errorFile(file));
      return file === undefined ? error : { ...error, message: `${error.message} (from ${file})` };
    });
    const error = combine(normalised)!;
    this.#finish({ file: label, runner: RUNNER, status: 'failed', durationMs: 0, tests: [], error: { ...error, message: `Vitest caught ${errors.length} unhandled error(s) outside any test file:\n${error.message}` } });
  }

  /** After the child exited: every file without a result gets the reason. */
  #settle(exit: VitestExit, stderr: string): void {
    let reason: TestError | undefined;
    if (this.#fatal) reason = { ...this.#fatal, message: `Vitest could not run: ${this.#fatal.message}` };
    else if (!this.#ended) {
      const how = exit.error ? `could not be started (${exit.error.message})` : exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      const tail = stripAnsi(stderr).trim();
      reason = { message: `Vitest ${how} before reporting this file${tail ? `:\n${tail}` : ''}` };
    }
    // Files that started keep the tests they reported.
    for (const [file, open] of [...this.#open]) {
      if (reason) this.fail(file, { ...reason }, open.tests);
      else this.#close(file);
    }
    for (const file of this.#files) {
      if (this.#done.has(file)) continue;
      if (reason) this.fail(file, { ...reason });
      // A cancelled run (bail, or the config's own `bail`) leaves out the files it never started, as Vitest does.
      else if (this.#endReason !== 'interrupted') this.fail(file, { message: 'Vitest finished without reporting this file' });
    }
  }

  #rel(absolute: string): string {
    const known = this.#byPath.get(absolute);
    if (known !== undefined) return known;
    const rel = relative(this.#options.root, absolute);
    return sep === '/' ? rel : rel.split(sep).join('/');
  }

  #errorFile(file: string): ErrorFile {
    return { root: this.#options.root, file, paths: this.#pathsOf.get(file) ?? new Set([resolve(this.#options.root, file)]) };
  }
}

/** How Vitest reports a worker (fork or thread) that died under a file. */
const WORKER_DIED = /Worker (?:\w+ )?(?:emitted error|exited unexpectedly)|Channel closed|terminated unexpectedly/i;

/** Several errors (expect.soft, a failing hook and a test, …) as one: the first, with the others' messages after it. */
function combine(errors: TestError[]): TestError | undefined {
  const [first, ...rest] = errors;
  if (!first || rest.length === 0) return first;
  return { ...first, message: [first.message, ...rest.map((e) => e.message)].join('\n\n') };
}

