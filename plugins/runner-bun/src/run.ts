import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunOptions, RunResult, TestCase, TestError } from '@aqe/kernel';
import { describeCrash, frameworkEnv, RunCollector, runFrameworkProcess } from '@aqe/kernel/runner-kit';
import { BUN_INSTALL_HINT, BUN_MISSING, findBun } from './find-bun.js';
import { asJestReports } from './hook-failures.js';
import { type JestSetup, splitForBun } from './jest-split.js';
import { parseXml } from './junit.js';
import { errorsOutsideTests, junitTests } from './normalise.js';
import { readBunTestScript } from './script-args.js';

const STDERR_KEEP = 4 * 1024 * 1024;

/** One file as bun reported it (or why it did not), before the RunCollector makes its result. */
interface FileOutcome {
  tests: TestCase[];
  error?: TestError;
  durationMs: number;
}

/**
 * Runs test files with bun: one `bun test` per attempt with the JUnit reporter writing to a
 * temporary file, read when bun exits. bun's JUnit output is written at the end of the run, so
 * onFileStart/onTestResult/onFileResult are called per file, in the order of `files`, once bun
 * (and any retries) has finished — not as each test finishes. Errors outside any test (a file
 * that does not load) are not in the JUnit report: they come from bun's own output on stderr.
 *
 * Accelerating Jest (the detection is Jest's), bun must count what Jest counts: bun preloads the
 * project's setup files and globals; files that need what only Jest does (moduleNameMapper, a
 * non-compiler transform, jsdom) are not given to bun, and a file whose `beforeAll` failed, whose
 * tests bun does not report, is left to Jest too. Both come back as a load error with no tests,
 * which the kernel re-runs under Jest.
 */
export async function runBun(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const began = performance.now();
  const collector = new RunCollector('bun', options);
  const outcomes = new Map<string, FileOutcome>();
  // 0: never bail; `true` is 1 failing file, as for Jest.
  const bailAt = options.bail === true ? 1 : typeof options.bail === 'number' ? Math.max(0, Math.floor(options.bail)) : 0;
  const finish = (): RunResult => {
    // bun's --bail=n counts failing tests: past one, bun runs on and the files after the n-th failing one are not reported.
    let failedFiles = 0;
    for (const file of files) {
      if (bailAt > 0 && failedFiles >= bailAt) break;
      const outcome = outcomes.get(file);
      if (outcome && collector.finish(file, outcome)?.status === 'failed') failedFiles++;
    }
    return collector.result(began);
  };
  if (files.length === 0 || options.signal?.aborted) return finish();
  const bun = findBun(options.root);
  if (!bun) {
    const message = `${BUN_MISSING} (looked from ${options.root}). ${BUN_INSTALL_HINT}`;
    for (const file of files) outcomes.set(file, failed({ message }));
    return finish();
  }
  const accelerating = options.detection.runner !== 'bun';
  let toRun = files;
  let setup: JestSetup | undefined;
  if (accelerating) {
    const split = await splitForBun(options.root, files);
    for (const [file, error] of split.jest) outcomes.set(file, failed(error));
    toRun = split.bun;
    setup = split.setup;
  }
  // The package's own `bun test` options (--preload, --timeout…), not when bun stands in for Jest.
  const scriptOptions = accelerating ? [] : (readBunTestScript(options.root)?.options ?? []);
  const run = (some: readonly string[], o: RunOptions) => attempt(bun, some, o, { accelerating, scriptOptions, ...(setup ? { setup } : {}) });

  const first = toRun.length > 0 ? await run(toRun, options) : undefined;
  const anyFailed = () => [...outcomes.values(), ...(first?.files.values() ?? [])].some((o) => o.error || o.tests.some((t) => t.status === 'failed'));
  for (const file of first ? toRun : []) {
    const outcome = first!.files.get(file);
    if (outcome) outcomes.set(file, outcome);
    else if (options.signal?.aborted) continue;
    else if (options.bail && anyFailed()) continue;
    else if (!existsSync(join(options.root, file))) outcomes.set(file, failed({ message: `Test file not found: ${file}` }));
    else if (first!.crashed) outcomes.set(file, failed(describeCrash('bun', first!)));
    else outcomes.set(file, failed({ message: 'bun did not run this file: bun test found no tests in it (is it a test file bun runs?)' }));
  }

  // Retries: bun has no retry option; the files with failing tests are run again, up to `retries` times.
  for (let n = 1; n <= (options.retries ?? 0) && !options.signal?.aborted; n++) {
    const again = files.filter((file) => outcomes.get(file)?.tests.some((t) => t.status === 'failed'));
    if (again.length === 0) break;
    const next = await run(again, { ...options, bail: false });
    for (const file of again) {
      const previous = outcomes.get(file)!;
      const rerun = next.files.get(file);
      if (!rerun) continue;
      const byId = new Map(rerun.tests.map((t) => [t.id, t]));
      const tests = previous.tests.map((test) => {
        const latest = test.status === 'failed' ? byId.get(test.id) : undefined;
        return latest ? { ...latest, retries: n } : test;
      });
      outcomes.set(file, { ...previous, tests });
    }
  }
  return finish();
}

interface Attempt {
  files: Map<string, FileOutcome>;
  crashed: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  spawnError?: Error;
}

interface AttemptSetup {
  accelerating: boolean;
  /** Options from the package's `bun test` script (script-args.ts). */
  scriptOptions: readonly string[];
  setup?: JestSetup;
}

async function attempt(bun: string, files: readonly string[], options: RunOptions, { accelerating, scriptOptions, setup }: AttemptSetup): Promise<Attempt> {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-bun-'));
  const report = join(dir, 'junit.xml');
  try {
    const args = ['test', ...scriptOptions, '--reporter=junit', `--reporter-outfile=${report}`];
    if (setup && Object.keys(setup.globals).length > 0) {
      // Jest's `globals`, set before the setup files run, as Jest sets them.
      const globals = join(dir, 'jest-globals.cjs');
      writeFileSync(globals, `Object.assign(globalThis, ${JSON.stringify(setup.globals)});\n`);
      args.push(`--preload=${globals}`);
    }
    for (const path of setup?.preload ?? []) args.push(`--preload=${path}`);
    // Another runner's files (Bun accelerating Jest): Jest gives every file its own module registry, so a
    // jest.mock in one file must not leak into the next, as it does in bun's default shared registry.
    if (accelerating) args.push('--isolate');
    if (options.testNamePattern !== undefined) args.push(`--test-name-pattern=${options.testNamePattern}`);
    // bun's --bail stops at the first failing test, which is the first failing file.
    if (options.bail === true || options.bail === 1) args.push('--bail');
    // `aqe run -- <args>`: after aqe's own, as options (a bare word would be one more file filter).
    args.push(...(options.frameworkArgs ?? []));
    // A path starting with ./ is a path to bun; without it an argument is a substring filter.
    args.push(...files.map((file) => `./${file}`));
    const exit = await runFrameworkProcess({
      command: bun,
      args,
      cwd: options.root,
      env: frameworkEnv(options.root, { extra: { FORCE_COLOR: '0', NO_COLOR: '1' } }),
      // Load errors are read from bun's stderr: keep all of a large run's.
      stderrKeep: STDERR_KEEP,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let xml: string | undefined;
    try {
      xml = readFileSync(report, 'utf8');
    } catch {
      // No report: bun crashed, or was stopped.
    }
    const suites = xml ? parseXml(xml) : undefined;
    const byFile = suites ? junitTests(options.root, suites) : new Map<string, { durationMs: number; tests: TestCase[] }>();
    const errors = errorsOutsideTests(options.root, exit.stderr, new Set(files));
    const results = new Map<string, FileOutcome>();
    for (const file of files) {
      const entry = byFile.get(file);
      const error = errors.get(file);
      if (!entry && !error) continue;
      const outcome: FileOutcome = { tests: entry?.tests ?? [], durationMs: (entry?.durationMs ?? 0) * 1000, ...(error ? { error } : {}) };
      results.set(file, accelerating ? asJest(outcome) : outcome);
    }
    // bun exits 1 when a test fails; anything else without a report is a crash.
    const crashed = xml === undefined || (exit.code !== 0 && exit.code !== 1) || exit.signal !== null || exit.spawnError !== undefined;
    return { files: results, crashed, ...exit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file's outcome as Jest reports a failing hook (hook-failures.ts). */
function asJest(outcome: FileOutcome): FileOutcome {
  const hooks = asJestReports(outcome.tests);
  if (hooks.kind === 'none') return outcome;
  if (hooks.kind === 'file-error') return { ...outcome, tests: hooks.tests, error: outcome.error ?? hooks.error };
  const message = `a beforeAll hook failed, and bun test does not report the tests it skipped, which Jest fails one by one: ${hooks.error.message}`;
  return { tests: [], durationMs: outcome.durationMs, error: { ...hooks.error, message } };
}

function failed(error: TestError): FileOutcome {
  return { tests: [], durationMs: 0, error };
}
