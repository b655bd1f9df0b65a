import { errorMessage } from '../errors.js';
import type { RunnerCapability, RunOptions } from '../types/capabilities.js';
import type { RunResult, TestCase, TestFileResult } from '../types/results.js';
import type { Store } from '../types/store.js';
import { FallbackMemory } from './fallback-memory.js';
import { summarise } from './summary.js';

// describeCrash's wording: the accelerator's process died, which says nothing about this file.
const CRASH = / before reporting this file/;

/** The accelerator's result for a file it could not load: an error outside any test, and no test ran. */
function isLoadError(result: TestFileResult): boolean {
  return result.status === 'failed' && result.error !== undefined && result.tests.length === 0;
}

/**
 * The runner `base` (Jest) with its files run by `accelerator` (Bun): files the accelerator
 * could not load before (same content) go straight to `base`; the others run in the
 * accelerator, and those that do not load there are re-run by `base` in the same run, their
 * results reported with `fallbackFrom` and remembered. Where the accelerator cannot run at
 * all, `base` runs everything and one notice says so.
 */
export function acceleratedRunner(base: RunnerCapability, accelerator: RunnerCapability, store: Store, notices: string[]): RunnerCapability {
  const { run: _run, accelerates: _accelerates, unavailable: _unavailable, ...rest } = base;
  return {
    ...rest,
    run: async (files, options) => {
      if (!base.run || !accelerator.run) throw new Error(`runner "${!base.run ? base.id : accelerator.id}" cannot run tests`);
      const reason = await accelerator.unavailable?.(options.root);
      if (reason !== undefined) {
        notices.push(`${reason}: ${base.id} ran all ${files.length} file(s) instead of ${accelerator.id}`);
        return base.run(files, options);
      }
      return runAccelerated(base, accelerator, new FallbackMemory(store, options.root, accelerator.id), files, options, notices);
    },
  };
}

async function runAccelerated(base: RunnerCapability, accelerator: RunnerCapability, memory: FallbackMemory, files: readonly string[], options: RunOptions, notices: string[]): Promise<RunResult> {
  const started = performance.now();
  const remembered = files.filter((file) => memory.needsFallback(file));
  const known = new Set(remembered);
  const fresh = files.filter((file) => !known.has(file));
  // Files that did not load (not those a crash of the whole process left without results).
  const unloadable = new Set<string>();
  const reported = new Map<string, TestFileResult>();
  const back = new Set<string>();
  const forgetting: Promise<void>[] = [];
  // A file's events are held until its result says whether it loaded: a file that goes back
  // to `base` must not reach the reader twice.
  const held = new Map<string, TestCase[]>();
  const take = (result: TestFileResult) => {
    if (reported.has(result.file) || back.has(result.file)) return;
    if (isLoadError(result)) {
      back.add(result.file);
      if (!CRASH.test(result.error!.message)) unloadable.add(result.file);
      return;
    }
    reported.set(result.file, result);
    forgetting.push(memory.forget(result.file));
    options.onFileStart?.(result.file);
    for (const test of held.get(result.file) ?? result.tests) options.onTestResult?.(test);
    options.onFileResult?.(result);
  };
  if (fresh.length > 0) {
    try {
      const out = await accelerator.run!(fresh, {
        ...options,
        onFileStart: (file) => held.set(file, []),
        onTestResult: (test) => held.get(test.file)?.push(test),
        onFileResult: take,
      });
      for (const result of out.files) take(result);
    } catch (error) {
      // The accelerator failed as a whole: every file it did not report goes to `base`.
      for (const file of fresh) if (!reported.has(file)) back.add(file);
      notices.push(`${accelerator.id} failed (${errorMessage(error)}): ${base.id} ran its files`);
    }
  }
  await Promise.all(forgetting);
  const again = [...remembered, ...fresh.filter((file) => back.has(file))];
  const stop = options.signal?.aborted || (options.bail && [...reported.values()].some((r) => r.status === 'failed'));
  const fallback = again.length > 0 && !stop ? await runBase(base, again, options, accelerator.id) : [];
  await Promise.all(fallback.filter((r) => unloadable.has(r.file)).map((r) => memory.remember(r.file, base.id)));
  if (again.length > 0) notices.push(fallbackNotice(base.id, accelerator.id, files.length, remembered.length, again.length - remembered.length));
  const all = [...reported.values(), ...fallback];
  return { files: all, summary: summarise(all, performance.now() - started) };
}

/** Runs the fallback files through `base`, marking each result; a throwing `base` fails those files. */
async function runBase(base: RunnerCapability, files: string[], options: RunOptions, from: string): Promise<TestFileResult[]> {
  const mark = (result: TestFileResult): TestFileResult => ({ ...result, fallbackFrom: from });
  const streamed = new Map<string, TestFileResult>();
  try {
    const out = await base.run!(files, {
      ...options,
      onFileResult: (result) => {
        const marked = mark(result);
        streamed.set(result.file, marked);
        options.onFileResult?.(marked);
      },
    });
    for (const result of out.files) if (!streamed.has(result.file)) streamed.set(result.file, mark(result));
  } catch (error) {
    for (const file of files) {
      if (!streamed.has(file)) streamed.set(file, { file, runner: base.id, status: 'failed', durationMs: 0, tests: [], fallbackFrom: from, error: { message: `${base.id} failed before reporting this file: ${errorMessage(error)}` } });
    }
  }
  return [...streamed.values()];
}

function fallbackNotice(base: string, accelerator: string, total: number, remembered: number, now: number): string {
  const parts = [now > 0 ? `${now} did not load in ${accelerator} this run` : '', remembered > 0 ? `${remembered} had not loaded in ${accelerator} before and are unchanged` : ''].filter(Boolean);
  return `${base} ran ${remembered + now} of ${total} file(s) ${accelerator} was to run: ${parts.join('; ')}. Results of those files are ${base}'s (fallbackFrom: "${accelerator}").`;
}
