import { isAbsolute } from 'node:path';
import type { ResultFile, TestError } from '@aqe/kernel';
import type { RunCollector } from '@aqe/kernel/runner-kit';
import { toFileError, toTestCase } from './normalise.js';
import type { PlaywrightError, PlaywrightRunEvent } from './run-protocol.js';

/**
 * One `playwright test` process's events (from reporter.cts) fed into the run's collector,
 * and what it reported beyond the tests, which decides how the files it did not finish
 * are accounted for.
 */
export class PlaywrightPass {
  /** Files in Playwright's onBegin (relative), whether or not any test of theirs ran. */
  readonly began = new Set<string>();
  /** onBegin had at least one test: Playwright got past loading the files. */
  testsBegan = false;
  /** onEnd came: Playwright finished (or stopped) the run in an orderly way. */
  completed = false;
  /** Errors of files that do not load, by relative file. */
  readonly loadErrors = new Map<string, TestError>();
  /** Errors outside any file (config, globalSetup, webServer). */
  readonly otherErrors: PlaywrightError[] = [];
  readonly #files = new Map<string, ResultFile>();

  constructor(private readonly run: RunCollector) {}

  handle(event: PlaywrightRunEvent): void {
    switch (event.type) {
      case 'begin':
        for (const [path, count] of Object.entries(event.files)) {
          this.began.add(this.file(path).file);
          if (count > 0) this.testsBegan = true;
        }
        return;
      case 'error': {
        const file = event.error.location ? this.file(event.error.location.file) : undefined;
        // Outside the root (a helper in node_modules, say) it is no test file's error.
        if (file && !isAbsolute(file.file)) this.loadErrors.set(file.file, toFileError(event.error, file));
        else this.otherErrors.push(event.error);
        return;
      }
      case 'file-start':
        this.run.start(this.file(event.path).file);
        return;
      case 'test': {
        const file = this.file(event.path);
        this.run.test(file.file, toTestCase(event.test, file));
        return;
      }
      case 'file-result':
        this.finish(this.file(event.path).file, event.durationMs);
        return;
      case 'end':
        this.completed = true;
        // Files begun whose tests never all ended and that got no file-result.
        for (const file of this.run.running) this.finish(file, 0);
        return;
    }
  }

  private finish(file: string, durationMs: number): void {
    const error = this.loadErrors.get(file);
    this.run.finish(file, { durationMs, ...(error ? { error } : {}) });
  }

  /** A path Playwright reported (absolute, maybe the real path), as the results name it. */
  private file(path: string): ResultFile {
    let file = this.#files.get(path);
    if (!file) {
      file = this.run.resultFile(path);
      this.#files.set(path, file);
    }
    return file;
  }
}
