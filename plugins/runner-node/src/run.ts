import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type RunOptions, type RunResult, type TestCase, type TestFileResult, summarise } from '@aqe/kernel';
import { type BatchOptions, type BatchOutcome, runBatch } from './batch.js';
import type { CollectedFile } from './file-collector.js';
import { launchOptions, runOptions } from './launch-options.js';

/**
 * `run` for node:test: `node --test` (the Node running aqe) over the files, with aqe's
 * reporter. Files report as Node finishes them, in Node's (sorted) order.
 *
 * - `testNamePattern` is Node's --test-name-pattern: on Node 20 it matches a test's own name or
 *   an enclosing describe's (not the joined full name, which Node 22 also matches); tests it
 *   leaves out are not reported.
 * - `retries`: Node has no retry option. After the run, the files with failing tests run again
 *   with a --test-name-pattern of those tests' exact names, up to `retries` times; only the
 *   failing tests' new results are taken. Failing tests and their files report once final.
 * - `bail`: Node has no bail option. The run is killed as soon as a file fails (with retries,
 *   once its retries fail too; when they pass, a new `node --test` takes the remaining files).
 */
export async function runNodeTests(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const began = performance.now();
  const { root, signal } = options;
  const retries = Math.max(0, Math.floor(options.retries ?? 0));
  const bail = options.bail === true;
  const results: TestFileResult[] = [];
  const started = new Set<string>();
  const fileStarted = (file: string) => {
    if (started.has(file)) return;
    started.add(file);
    options.onFileStart?.(file);
  };
  const report = (file: TestFileResult) => {
    fileStarted(file.file);
    results.push(file);
    options.onFileResult?.(file);
  };
  const launch = launchOptions(root);
  const env: NodeJS.ProcessEnv = { ...process.env, ...launch.env };
  // Set inside a node:test child process; `node --test` would then act as one.
  delete env.NODE_TEST_CONTEXT;
  const batch = (batchFiles: readonly string[], patterns: readonly string[], hooks: Pick<BatchOptions, 'onFileStart' | 'onTest' | 'onFile'>) =>
    runBatches({
      root,
      nodeOptions: runOptions(launch.nodeOptions, patterns.length > 0),
      env,
      files: batchFiles,
      patterns,
      dropUnmatched: patterns.length > 0,
      ...(signal ? { signal } : {}),
      ...hooks,
    });

  let queue: string[] = [];
  for (const file of files) {
    if (existsSync(join(root, file))) queue.push(file);
    else report({ file, runner: 'node', status: 'failed', durationMs: 0, tests: [], error: { message: `test file not found: ${file}` } });
  }
  let bailed = bail && results.length > 0;
  const userPatterns = options.testNamePattern ? [options.testNamePattern] : [];

  while (queue.length > 0 && !bailed && !signal?.aborted) {
    const failing: CollectedFile[] = [];
    const outcome = await batch(queue, userPatterns, {
      onFileStart: fileStarted,
      onTest: (test) => {
        if (retries === 0 || test.status !== 'failed') options.onTestResult?.(test);
      },
      onFile: (collected) => {
        if (retries > 0 && collected.result.tests.some((t) => t.status === 'failed')) {
          failing.push(collected);
          return bail;
        }
        report(collected.result);
        bailed = bail && collected.result.status === 'failed';
        return bailed;
      },
    });
    if (failing.length > 0) {
      await retryFailing(failing, retries, batch, signal);
      for (const { result } of failing) {
        for (const test of result.tests) if (test.retries > 0 || test.status === 'failed') options.onTestResult?.(test);
        report(result);
        if (bail && result.status === 'failed') bailed = true;
      }
    }
    // Only a bail that retries then cleared leaves files to run.
    queue = outcome.stopped ? queue.filter((file) => !outcome.reported.has(file)) : [];
  }

  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: results, summary: summarise(results, performance.now() - began) };
}

type Batch = (files: readonly string[], patterns: readonly string[], hooks: Pick<BatchOptions, 'onFileStart' | 'onTest' | 'onFile'>) => Promise<BatchOutcome>;

/** Re-runs each file's failing tests by exact name until they pass or the attempts run out. */
async function retryFailing(failing: readonly CollectedFile[], retries: number, batch: Batch, signal: AbortSignal | undefined): Promise<void> {
  for (let attempt = 1; attempt <= retries && !signal?.aborted; attempt++) {
    const targets = new Map<string, { collected: CollectedFile; tests: TestCase[] }>();
    for (const collected of failing) {
      const tests = collected.result.tests.filter((t) => t.status === 'failed');
      if (tests.length > 0) targets.set(collected.result.file, { collected, tests });
    }
    if (targets.size === 0) return;
    const names = new Set<string>();
    for (const { collected, tests } of targets.values()) for (const test of tests) for (const name of collected.rerunNames.get(test.id) ?? test.titlePath) names.add(name);
    const again = new Map<string, TestFileResult>();
    const outcome = await batch([...targets.keys()], [...names].map(exactPattern), {
      onFile: ({ result }) => {
        again.set(result.file, result);
        return false;
      },
    });
    if (outcome.aborted) return;
    for (const [file, { collected, tests }] of targets) {
      const rerun = again.get(file);
      for (const test of tests) {
        test.retries = attempt;
        const fresh = rerun?.tests.find((t) => t.id === test.id);
        if (!fresh) continue;
        test.status = fresh.status;
        test.durationMs = fresh.durationMs;
        if (fresh.location) test.location = fresh.location;
        if (fresh.error) test.error = fresh.error;
        else delete test.error;
      }
      const result = collected.result;
      result.durationMs += rerun?.durationMs ?? 0;
      result.status = result.error || result.tests.some((t) => t.status === 'failed') ? 'failed' : result.tests.some((t) => t.status === 'passed') ? 'passed' : 'skipped';
    }
  }
}

/** A --test-name-pattern matching exactly this name. */
export function exactPattern(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
}

/** Argument lists stay well under the OS limit: a long file list runs as consecutive `node --test`s. */
const MAX_ARGS_LENGTH = 100_000;

async function runBatches(options: BatchOptions): Promise<BatchOutcome> {
  const all: BatchOutcome = { reported: new Set(), stopped: false, aborted: false };
  let chunk: string[] = [];
  let length = 0;
  const chunks: string[][] = [];
  for (const file of options.files) {
    const size = options.root.length + file.length + 2;
    if (chunk.length > 0 && length + size > MAX_ARGS_LENGTH) {
      chunks.push(chunk);
      chunk = [];
      length = 0;
    }
    chunk.push(file);
    length += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  for (const files of chunks) {
    const outcome = await runBatch({ ...options, files });
    for (const file of outcome.reported) all.reported.add(file);
    all.stopped = outcome.stopped;
    all.aborted = outcome.aborted;
    if (outcome.stopped || outcome.aborted) break;
  }
  return all;
}

