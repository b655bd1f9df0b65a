import { ErrorCodes, errorMessage } from '../errors.js';
import type { RunnerCapability } from '../types/capabilities.js';
import type { RunTestsOptions } from '../types/kernel.js';
import type { RunResult, TestCase, TestError, TestFileResult } from '../types/results.js';
import { discoverTests } from '../discovery/discover.js';
import type { HookBusLike, KernelInternals } from '../discovery/internals.js';
import { openCachePhase } from './cache-phase.js';
import { classifyFailures } from './classify.js';
import { planAcceleration } from './fallback-plan.js';
import { currentCommit } from './git-commit.js';
import { fileDurations, recordFile } from './history.js';
import { loadQuarantine, markQuarantined } from './quarantine.js';
import { join } from 'node:path';
import type { RunnerError } from '../types/results.js';
import { boundOutput } from './bound-output.js';
import { pathFilter } from './path-filter.js';
import { validateRunOptions } from './run-options.js';
import { selectShard } from './shard.js';
import { resolveSharedClaims } from './shared-claims.js';
import { summarise } from './summary.js';

/**
 * `aqe run`: discover, narrow to the requested paths and shard, then hand each runner
 * its files. Results stream through the hooks as they arrive and are appended to the
 * history; a runner that is missing `run`, throws or crashes fails its own files only.
 */
export async function runTests(k: KernelInternals, bus: HookBusLike, options: RunTestsOptions = {}): Promise<RunResult> {
  const started = performance.now();
  await validateRunOptions(options);
  // Read before anything runs: a malformed quarantine file is a usage error, not a late surprise.
  const quarantine = await loadQuarantine(k.cwd);
  const acceleration = planAcceleration(k, options.runners);
  const discovered = await discoverTests(k, bus, {
    ...(acceleration.runners ? { runners: acceleration.runners } : {}),
    ...(options.projects ? { projects: options.projects } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  acceleration.select(discovered);
  const claimNotices = resolveSharedClaims(k.cwd, discovered);
  const filter = pathFilter(k.cwd, options.paths);
  const errors: RunnerError[] = [];
  const runnerNotices: string[] = [];
  const cache = await openCachePhase(k, options);
  // Files served from the result cache: reported as `cached`, never handed to a runner.
  const served: TestFileResult[] = [];
  const plan: { runner: RunnerCapability; files: string[]; configFiles: string[]; project?: string }[] = [];
  const results: TestFileResult[] = [];
  // runner \0 file of every result taken, so a runner's end-of-run list is merged in O(1) per file.
  const taken = new Set<string>();
  const isTaken = (runner: string, file: string) => taken.has(`${runner}\0${file}`);
  for (const entry of discovered.runners) {
    const runner = acceleration.runnerFor(entry.runner) ?? k.registry.get('runners', entry.runner)!;
    if (entry.error) {
      const file = entry.configFiles[0] ?? (entry.project ? `${entry.project}/${entry.runner}` : entry.runner);
      results.push(failedFile(runner.id, file, entry.error.message));
      errors.push({ runner: runner.id, ...(entry.project ? { project: entry.project } : {}), file, code: entry.error.code, message: entry.error.message });
      continue;
    }
    let files = entry.files.filter((f) => filter.matches(f));
    const hits = await cache.lookup(runner, entry.configFiles, files);
    if (options.shard) files = selectShard(files, cache.weigh(fileDurations(k.store, runner.id, files), hits), options.shard.index, options.shard.count);
    if (hits && hits.size > 0) {
      served.push(...files.flatMap((f) => hits.get(f) ?? []));
      files = files.filter((f) => !hits.has(f));
    }
    if (files.length > 0) plan.push({ runner, files, configFiles: entry.configFiles, ...(entry.project ? { project: entry.project } : {}) });
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
  for (const { runner, files: planned, configFiles: plannedConfigs, project } of plan) {
    if (bailed || options.signal?.aborted) break;
    // A workspace package runs in its own directory, with paths relative to it, as `npm test -w` would.
    const view = projectView(project);
    const files = planned.map(view.inside);
    const configFiles = plannedConfigs.map(view.inside);
    const onFile = async (file: TestFileResult) => {
      results.push(file);
      taken.add(`${file.runner}\0${file.file}`);
      options.onFileResult?.(file);
      await recordFile(k.store, k.cwd, file, commit, at);
    };
    // Runners call back synchronously as events arrive; hooks are sequential (KernelHookKinds),
    // so each call starts only after the one before it settled, in the order of the events.
    const hooks = sequence();
    try {
      if (!runner.run) throw Object.assign(new Error(`runner "${runner.id}" can discover tests but not run them yet`), { code: ErrorCodes.DISCOVER_FAILED });
      const detection = { runner: runner.id, configFiles };
      const out = await runner.run(files, {
        root: project ? join(k.cwd, project) : k.cwd,
        detection,
        ...pick(options),
        onFileStart: (inside) => {
          const file = view.path(inside);
          options.onFileStart?.(file);
          hooks.add(() => bus.call('file:start', { file, runner: runner.id }));
        },
        onTestResult: (inside) => {
          const test = view.test(inside);
          hooks.add(() => bus.call('test:result', { test }));
        },
        onFileResult: (inside) => {
          const file = boundOutput(view.outside(inside), options.silent === true);
          hooks.add(() => bus.call('file:result', { file }));
          hooks.add(() => onFile(file));
        },
      });
      await hooks.settled();
      // A runner's own notes for the reader (e.g. "retries need jest-circus on this Jest").
      for (const notice of out.notices ?? []) if (!runnerNotices.includes(notice)) runnerNotices.push(notice);
      // Runners that report only at the end still count: take what the stream did not deliver.
      for (const file of out.files) if (!isTaken(file.runner, view.path(file.file))) await onFile(boundOutput(view.outside(file), options.silent === true));
    } catch (error) {
      await hooks.settled();
      for (const file of files) {
        if (!isTaken(runner.id, view.path(file))) await onFile(view.outside(failedFile(runner.id, file, `${runner.id} failed before reporting this file: ${errorMessage(error)}`)));
      }
    }
    if (options.bail && results.filter((r) => r.status === 'failed').length >= Number(options.bail)) bailed = true;
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.runner.localeCompare(b.runner)));
  markQuarantined(results, quarantine);
  const result: RunResult = { files: results, summary: summarise(results, performance.now() - started) };
  const notices = [...acceleration.notices, ...claimNotices, ...runnerNotices];
  if (errors.length > 0) result.errors = errors;
  if (results.length === 0 && errors.length === 0 && !options.signal?.aborted) {
    result.noTests = noTestsReason(k.cwd, discovered, filter, options);
    notices.push(result.noTests);
  }
  if (notices.length > 0) result.notices = notices;
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
    ...(o.silent ? { silent: true } : {}),
    ...(o.frameworkArgs && o.frameworkArgs.length > 0 ? { frameworkArgs: o.frameworkArgs } : {}),
    ...(o.signal === undefined ? {} : { signal: o.signal }),
  };
}

/**
 * A queue of async steps run one at a time in the order they were added. A failing step (a
 * hook that throws under --strict) does not stop the next; `settled` rejects with the first failure.
 */
function sequence() {
  let tail: Promise<unknown> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  return {
    add(step: () => Promise<unknown>): void {
      tail = tail.then(step).catch((error: unknown) => {
        failure ??= { error };
      });
    },
    async settled(): Promise<void> {
      await tail;
      if (failure) throw failure.error;
    },
  };
}

/** Why a run found nothing to run, as Vitest and Jest say it. */
function noTestsReason(cwd: string, discovered: { runners: { runner: string; files: string[]; configFiles: string[] }[] }, filter: ReturnType<typeof pathFilter>, options: RunTestsOptions): string {
  if (discovered.runners.length === 0) {
    const which = options.runners ? `runner ${options.runners.join(', ')} is` : 'test runner is';
    const scope = options.projects ? ` in the selected projects (${options.projects.join(', ')})` : '';
    return `No test files found: no ${which} detected${scope} (no config file, no framework in package.json dependencies or test script)`;
  }
  const all = discovered.runners.flatMap((e) => e.files);
  if (all.length === 0) {
    const configs = discovered.runners.map((e) => `${e.runner}${e.configFiles.length > 0 ? ` (${e.configFiles.join(', ')})` : ''}`);
    return `No test files found: the config of ${configs.join(', ')} selects no files`;
  }
  if (options.paths && options.paths.length > 0 && filter.unmatched(all).length === options.paths.length) return `No test files found: ${filter.describe(cwd)} among ${all.length} test file(s)`;
  return 'No test files found: this shard has no files';
}

/** Paths and ids of a workspace package's results, between the package (as its runner sees them) and the repository root. */
function projectView(project: string | undefined) {
  const prefix = project ? `${project}/` : '';
  const path = (inside: string) => `${prefix}${inside}`;
  const test = (t: TestCase): TestCase => (prefix ? { ...t, file: path(t.file), id: `${prefix}${t.id}`, ...(t.error ? { error: errorOutside(t.error) } : {}) } : t);
  const errorOutside = (e: TestError): TestError => (e.location && !e.location.file.startsWith('/') ? { ...e, location: { ...e.location, file: path(e.location.file) } } : e);
  return {
    path,
    inside: (file: string) => (prefix && file.startsWith(prefix) ? file.slice(prefix.length) : file),
    test,
    outside: (r: TestFileResult): TestFileResult => (prefix ? { ...r, file: path(r.file), tests: r.tests.map(test), ...(r.error ? { error: errorOutside(r.error) } : {}) } : r),
  };
}

function failedFile(runner: string, file: string, message: string): TestFileResult {
  return { file, runner, status: 'failed', durationMs: 0, tests: [], error: { message } };
}
