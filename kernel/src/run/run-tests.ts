import { ErrorCodes, errorMessage } from '../errors.js';
import type { RunnerCapability } from '../types/capabilities.js';
import type { RunTestsOptions } from '../types/kernel.js';
import type { RunResult, TestFileResult } from '../types/results.js';
import { discoverTests } from '../discovery/discover.js';
import type { HookBusLike, KernelInternals } from '../discovery/internals.js';
import { openCachePhase } from './cache-phase.js';
import { classifyFailures } from './classify.js';
import { planAcceleration } from './fallback-plan.js';
import { currentCommit } from './git-commit.js';
import { fileDurations, recordFile } from './history.js';
import { loadQuarantine, markQuarantined } from './quarantine.js';
import { selectShard } from './shard.js';
import { summarise } from './summary.js';

/**
 * `aqe run`: discover, narrow to the requested paths and shard, then hand each runner
 * its files. Results stream through the hooks as they arrive and are appended to the
 * history; a runner that is missing `run`, throws or crashes fails its own files only.
 */
export async function runTests(k: KernelInternals, bus: HookBusLike, options: RunTestsOptions = {}): Promise<RunResult> {
  const started = performance.now();
  // Read before anything runs: a malformed quarantine file is a usage error, not a late surprise.
  const quarantine = await loadQuarantine(k.cwd);
  const acceleration = planAcceleration(k, options.runners);
  const discovered = await discoverTests(k, bus, { ...(acceleration.runners ? { runners: acceleration.runners } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  acceleration.select(discovered);
  const cache = await openCachePhase(k, options);
  // Files served from the result cache: reported as `cached`, never handed to a runner.
  const served: TestFileResult[] = [];
  const plan: { runner: RunnerCapability; files: string[]; configFiles: string[] }[] = [];
  const results: TestFileResult[] = [];
  // runner \0 file of every result taken, so a runner's end-of-run list is merged in O(1) per file.
  const taken = new Set<string>();
  const isTaken = (runner: string, file: string) => taken.has(`${runner}\0${file}`);
  for (const entry of discovered.runners) {
    const runner = acceleration.runnerFor(entry.runner) ?? k.registry.get('runners', entry.runner)!;
    let files = entry.files.filter((f) => matchesPaths(f, options.paths));
    const hits = entry.error ? undefined : await cache.lookup(runner, entry.configFiles, files);
    if (options.shard) files = selectShard(files, cache.weigh(fileDurations(k.store, runner.id, files), hits), options.shard.index, options.shard.count);
    if (entry.error) {
      results.push(failedFile(runner.id, entry.configFiles[0] ?? entry.runner, entry.error.message));
      continue;
    }
    if (hits && hits.size > 0) {
      served.push(...files.flatMap((f) => hits.get(f) ?? []));
      files = files.filter((f) => !hits.has(f));
    }
    if (files.length > 0) plan.push({ runner, files, configFiles: entry.configFiles });
  }
  const planned = [...served.map((f) => f.file), ...plan.flatMap((p) => p.files)];
  options.onRunStart?.(planned.length);
  await bus.call('run:before', { files: planned });
  const commit = currentCommit(k.cwd);
  const at = Date.now();
  let bailed = false;
  for (const file of served) {
    results.push(file);
    options.onFileResult?.(file);
    await bus.call('file:result', { file });
  }
  for (const { runner, files, configFiles } of plan) {
    if (bailed || options.signal?.aborted) break;
    const onFile = async (file: TestFileResult) => {
      results.push(file);
      taken.add(`${file.runner}\0${file.file}`);
      options.onFileResult?.(file);
      await recordFile(k.store, k.cwd, file, commit, at);
    };
    const pending: Promise<unknown>[] = [];
    try {
      if (!runner.run) throw Object.assign(new Error(`runner "${runner.id}" can discover tests but not run them yet`), { code: ErrorCodes.DISCOVER_FAILED });
      const detection = { runner: runner.id, configFiles };
      const out = await runner.run(files, {
        root: k.cwd,
        detection,
        ...pick(options),
        onFileStart: (file) => {
          options.onFileStart?.(file);
          pending.push(bus.call('file:start', { file, runner: runner.id }));
        },
        onTestResult: (test) => void pending.push(bus.call('test:result', { test })),
        onFileResult: (file) => void pending.push(bus.call('file:result', { file }), onFile(file)),
      });
      await Promise.all(pending);
      // Runners that report only at the end still count: take what the stream did not deliver.
      for (const file of out.files) if (!isTaken(file.runner, file.file)) await onFile(file);
    } catch (error) {
      await Promise.all(pending);
      for (const file of files) {
        if (!isTaken(runner.id, file)) await onFile(failedFile(runner.id, file, `${runner.id} failed before reporting this file: ${errorMessage(error)}`));
      }
    }
    if (options.bail && results.some((r) => r.status === 'failed')) bailed = true;
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.runner.localeCompare(b.runner)));
  markQuarantined(results, quarantine);
  const result: RunResult = { files: results, summary: summarise(results, performance.now() - started) };
  if (acceleration.notices.length > 0) result.notices = [...acceleration.notices];
  await cache.finish(result);
  await classifyFailures(k, result, options.signal);
  await bus.call('run:after', { result });
  return result;
}

function pick(o: RunTestsOptions) {
  return {
    ...(o.testNamePattern === undefined ? {} : { testNamePattern: o.testNamePattern }),
    ...(o.bail === undefined ? {} : { bail: o.bail }),
    ...(o.retries === undefined ? {} : { retries: o.retries }),
    ...(o.signal === undefined ? {} : { signal: o.signal }),
  };
}

function matchesPaths(file: string, paths: readonly string[] | undefined): boolean {
  if (!paths || paths.length === 0) return true;
  return paths.some((p) => {
    const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
    return clean === '' || clean === '.' || file === clean || file.startsWith(`${clean}/`);
  });
}

function failedFile(runner: string, file: string, message: string): TestFileResult {
  return { file, runner, status: 'failed', durationMs: 0, tests: [], error: { message } };
}
