import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOptions, RunResult, TestCase } from '@aqe/kernel';
import { frameworkEnv, RunCollector } from '@aqe/kernel/runner-kit';
import { type BatchOptions, type BatchOutcome, runBatch } from './batch.js';
import { launchOptions, runOptions } from './launch-options.js';
import { nodeBinary, nodeVersion } from './node-binary.js';
import type { NodeFileEnd } from './node-file.js';
import { nodeTestSemantics } from './node-version.js';

/**
 * `run` for node:test: `node --test` (the project's Node, node-binary.ts) over the files, with
 * aqe's reporter. Files report as Node finishes them, in Node's (sorted) order.
 *
 * - `testNamePattern` is Node's --test-name-pattern: on Node 20 it matches a test's own name or
 *   an enclosing describe's (not the joined full name, which Node 22 also matches); tests it
 *   leaves out are not reported.
 * - `retries`: Node has no retry option. After the run, the files with failing tests run again
 *   with a --test-name-pattern of those tests' exact names, up to `retries` times; only the
 *   failing tests' new results are taken. Files with failing tests report once final.
 * - `bail`: Node has no bail option. The run is killed as soon as the n-th file fails (with
 *   retries, once their retries fail too; when they pass, a new `node --test` takes the
 *   remaining files).
 * - `frameworkArgs` are Node options, placed after the script's and filtered the same way
 *   (launch-options.ts: no reporters, watch, coverage, sharding or debugger).
 * - Output: Node tells which file printed a line, not which test (test-file processes'
 *   output reaches the runner ahead of their test events), so it is kept on the file.
 */
export async function runNodeTests(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const began = performance.now();
  const { root, signal } = options;
  const collector = new RunCollector('node', options);
  const retries = Math.max(0, Math.floor(options.retries ?? 0));
  // 0: never bail; `true` is 1 failing file, as for Jest.
  const bailAt = options.bail === true ? 1 : typeof options.bail === 'number' ? Math.max(0, Math.floor(options.bail)) : 0;
  let failedFiles = 0;
  const bailed = () => bailAt > 0 && failedFiles >= bailAt;
  const launch = launchOptions(root);
  const node = nodeBinary(root);
  const { globs } = nodeTestSemantics(await nodeVersion(node, root));
  const env = frameworkEnv(root, { ...(launch.packageJson ? { packageJson: launch.packageJson } : {}), extra: launch.env });
  // Set inside a node:test child process; `node --test` would then act as one.
  delete env.NODE_TEST_CONTEXT;
  const output = !options.silent;
  const nodeOptions = (withPatterns: boolean) => [...runOptions(launch.nodeOptions, withPatterns), ...runOptions(options.frameworkArgs ?? [], withPatterns)];
  const batch: Batch = (batchFiles, patterns, hooks) => runBatches({ node, globArgs: globs, root, nodeOptions: nodeOptions(patterns.length > 0), env, files: batchFiles, patterns, output, ...(signal ? { signal } : {}), ...hooks });
  // With retries a file's tests are held until they are final: a retried test is announced once.
  const finish = (end: NodeFileEnd) => {
    const result = collector.finish(end.file, { durationMs: end.durationMs, filtered: end.filtered, output: end.output, ...(retries > 0 ? { tests: end.tests } : {}), ...(end.error ? { error: end.error } : {}) });
    if (result?.status === 'failed') failedFiles++;
  };

  let queue: string[] = [];
  for (const file of files) {
    if (existsSync(join(root, file))) queue.push(file);
    else {
      collector.fail(file, { message: `test file not found: ${file}` });
      failedFiles++;
    }
  }
  const userPatterns = options.testNamePattern ? [options.testNamePattern] : [];

  while (queue.length > 0 && !bailed() && !signal?.aborted) {
    const failing: NodeFileEnd[] = [];
    const outcome = await batch(queue, userPatterns, {
      onFileStart: (file) => collector.start(file),
      ...(retries === 0 ? { onTest: (test: TestCase) => collector.test(test.file, test) } : {}),
      onFile: (end) => {
        if (retries > 0 && end.tests.some((t) => t.status === 'failed')) {
          failing.push(end);
          // Stop to retry them once they could make the n-th failing file.
          return bailAt > 0 && failedFiles + failing.length >= bailAt;
        }
        finish(end);
        return bailed();
      },
    });
    if (failing.length > 0) {
      await retryFailing(failing, retries, batch, signal);
      for (const end of failing) finish(end);
    }
    // Only a bail that retries then cleared leaves files to run.
    queue = outcome.stopped ? queue.filter((file) => !outcome.reported.has(file)) : [];
  }
  return collector.result(began);
}

type Batch = (files: readonly string[], patterns: readonly string[], hooks: Pick<BatchOptions, 'onFileStart' | 'onTest' | 'onFile'>) => Promise<BatchOutcome>;

/** Re-runs each file's failing tests by exact name until they pass or the attempts run out; updates `failing` in place. */
async function retryFailing(failing: readonly NodeFileEnd[], retries: number, batch: Batch, signal: AbortSignal | undefined): Promise<void> {
  for (let attempt = 1; attempt <= retries && !signal?.aborted; attempt++) {
    const targets = new Map<string, { end: NodeFileEnd; tests: TestCase[] }>();
    for (const end of failing) {
      const tests = end.tests.filter((t) => t.status === 'failed');
      if (tests.length > 0) targets.set(end.file, { end, tests });
    }
    if (targets.size === 0) return;
    const names = new Set<string>();
    for (const { end, tests } of targets.values()) for (const test of tests) for (const name of end.rerunNames.get(test.id) ?? test.titlePath) names.add(name);
    const again = new Map<string, NodeFileEnd>();
    const outcome = await batch([...targets.keys()], [...names].map(exactPattern), {
      onFile: (rerun) => {
        again.set(rerun.file, rerun);
        return false;
      },
    });
    if (outcome.aborted) return;
    for (const [file, { end, tests }] of targets) {
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
      end.durationMs += rerun?.durationMs ?? 0;
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
