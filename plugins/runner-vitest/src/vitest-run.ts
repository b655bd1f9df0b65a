import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunOptions, TestCase, TestError, TestOutput } from '@aqe/kernel';
import { type FrameworkExit, realPathOrSelf, type RunCollector } from '@aqe/kernel/runner-kit';
import { stripVTControlCharacters } from 'node:util';
import { type ErrorFile, normaliseError } from './normalise-error.js';
import type { ChildMessage, WireError } from './protocol.js';

/** What a file's modules (one per project running it) reported beside its tests. */
interface ModuleOutcome {
  errors: TestError[];
  output: TestOutput[];
  durationMs: number;
  failedModule: boolean;
  failedTest: boolean;
}

/**
 * What Vitest's messages (protocol.ts) mean for one run, told to the kit's RunCollector: a
 * file run by several projects is one result, ended when its last project's module ended,
 * its tests' title paths led by the project name; module errors, hook errors and unhandled
 * errors fail the file they belong to; a lost worker fails the files it was running.
 */
export class VitestRun {
  readonly #files: readonly string[];
  readonly #options: RunOptions;
  readonly #collector: RunCollector;
  /** Absolute path (as requested and real: Vitest reports real paths) → requested file. */
  readonly #requested = new Map<string, string>();
  readonly #modulesLeft = new Map<string, number>();
  readonly #projects = new Map<string, Set<string>>();
  readonly #outcomes = new Map<string, ModuleOutcome>();
  #ended = false;
  #endReason = '';
  #fatal: TestError | undefined;

  constructor(files: readonly string[], options: RunOptions, collector: RunCollector) {
    this.#files = files;
    this.#options = options;
    this.#collector = collector;
    for (const file of files) {
      const absolute = resolve(options.root, file);
      this.#requested.set(absolute, file);
      this.#requested.set(realPathOrSelf(absolute), file);
    }
  }

  handleLine(line: string): void {
    let message: ChildMessage;
    try {
      message = JSON.parse(line) as ChildMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'plan':
        for (const { file, project } of message.modules) {
          const rel = this.#rel(file);
          this.#modulesLeft.set(rel, (this.#modulesLeft.get(rel) ?? 0) + 1);
          this.#projects.set(rel, (this.#projects.get(rel) ?? new Set()).add(project));
        }
        for (const file of message.unmatched) {
          const reason = existsSync(file) ? 'no project of the Vitest config includes it (check include/exclude)' : 'it does not exist';
          this.#collector.fail(this.#rel(file), { message: `Vitest does not run this file: ${reason}` });
        }
        break;
      case 'module-start':
        this.#collector.start(this.#rel(message.file));
        break;
      case 'test': {
        const file = this.#rel(message.file);
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
          ...(message.output ? { output: message.output } : {}),
        };
        this.#outcomeOf(file).failedTest ||= test.status === 'failed';
        this.#collector.test(file, test);
        break;
      }
      case 'module-end': {
        const file = this.#rel(message.file);
        const outcome = this.#outcomeOf(file);
        outcome.errors.push(...message.errors.map((e) => normaliseError(e, this.#errorFile(file))));
        outcome.output.push(...(message.output ?? []));
        outcome.durationMs += message.durationMs;
        outcome.failedModule ||= message.state === 'failed';
        const left = (this.#modulesLeft.get(file) ?? 1) - 1;
        this.#modulesLeft.set(file, left);
        if (left <= 0) this.#finish(file);
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

  /** After Vitest exited: every requested file without a result gets the reason. */
  settle(exit: FrameworkExit): void {
    let reason: TestError | undefined;
    if (this.#fatal) reason = { ...this.#fatal, message: `Vitest could not run: ${this.#fatal.message}` };
    else if (!this.#ended) reason = crash(exit);
    // A run that ended normally closes the files it left open with what they reported.
    if (!reason) for (const file of this.#collector.running) this.#finish(file);
    // A cancelled run (bail, or the config's own `bail`) leaves out the files it never started, as Vitest does.
    const unreported = this.#endReason === 'interrupted' ? undefined : { message: 'Vitest finished without reporting this file' };
    this.#collector.settle(this.#files, () => (reason ? { ...reason } : unreported));
  }

  #finish(file: string): void {
    const outcome = this.#outcomes.get(file);
    let error = combine(outcome?.errors ?? []);
    // Vitest failed the module without an error of its own or a failed test: it still failed.
    if (!error && outcome?.failedModule && !outcome.failedTest) error = { message: 'Vitest reported this file as failed without an error' };
    this.#collector.finish(file, { durationMs: outcome?.durationMs ?? 0, ...(error ? { error } : {}), ...(outcome?.output.length ? { output: outcome.output } : {}) });
  }

  #outcomeOf(file: string): ModuleOutcome {
    const known = this.#outcomes.get(file);
    if (known) return known;
    const outcome: ModuleOutcome = { errors: [], output: [], durationMs: 0, failedModule: false, failedTest: false };
    this.#outcomes.set(file, outcome);
    return outcome;
  }

  /** Errors Vitest caught that no file claimed: a failed entry named after the config, like the kernel does for runner errors. */
  #unhandled(errors: (WireError & { file?: string })[]): void {
    // A worker killed mid-file is reported on no file; the files it was running never ended.
    const lost = errors.find((e) => e.file === undefined && WORKER_DIED.test(e.message));
    if (lost && this.#collector.running.length > 0) {
      const error = normaliseError(lost);
      for (const file of this.#collector.running) this.#collector.fail(file, { ...error, message: `Vitest lost the worker running this file: ${error.message}` });
      errors = errors.filter((e) => e !== lost);
      if (errors.length === 0) return;
    }
    const label = this.#options.detection.configFiles[0] ?? 'vitest';
    const normalised = errors.map((e) => {
      const file = e.file === undefined ? undefined : this.#rel(e.file);
      const error = normaliseError(e, file === undefined ? undefined : this.#errorFile(file));
      return file === undefined ? error : { ...error, message: `${error.message} (from ${file})` };
    });
    const error = combine(normalised)!;
    this.#collector.fail(label, { ...error, message: `Vitest caught ${errors.length} unhandled error(s) outside any test file:\n${error.message}` });
  }

  #rel(absolute: string): string {
    return this.#requested.get(absolute) ?? this.#collector.resultFile(absolute).file;
  }

  #errorFile(file: string): ErrorFile {
    const absolute = resolve(this.#options.root, file);
    return { root: this.#options.root, file, paths: new Set([absolute, realPathOrSelf(absolute)]) };
  }
}

/** How Vitest reports a worker (fork or thread) that died under a file. */
const WORKER_DIED = /Worker (?:\w+ )?(?:emitted error|exited unexpectedly)|Channel closed|terminated unexpectedly/i;

/** Vitest's process ended before its run did: how, and the end of what it printed. */
function crash(exit: FrameworkExit): TestError {
  const how = exit.spawnError ? `could not be started (${exit.spawnError.message})` : exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const tail = stripVTControlCharacters(exit.stderr).trim().split('\n').slice(-40).join('\n');
  return { message: `Vitest ${how} before reporting this file${tail ? `:\n${tail}` : ''}` };
}

/** Several errors (expect.soft, a failing hook and a test, …) as one: the first, with the others' messages after it. */
function combine(errors: TestError[]): TestError | undefined {
  const [first, ...rest] = errors;
  if (!first || rest.length === 0) return first;
  return { ...first, message: [first.message, ...rest.map((e) => e.message)].join('\n\n') };
}
