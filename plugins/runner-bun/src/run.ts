import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCrash, type FrameworkExit, type RunOptions, type RunResult, runFrameworkProcess, type TestCase, type TestError, type TestFileResult, summarise, fileStatus } from '@aqe/kernel';
import { BUN_INSTALL_HINT, BUN_MISSING, findBun } from './find-bun.js';
import { parseXml } from './junit.js';
import { errorsOutsideTests, junitTests } from './normalise.js';

const STDERR_KEEP = 4 * 1024 * 1024;

/**
 * Runs test files with bun: one `bun test` per attempt with the JUnit reporter writing to a
 * temporary file, read when bun exits. bun's JUnit output is written at the end of the run, so
 * onFileStart/onTestResult/onFileResult are called per file, in the order of `files`, once bun
 * (and any retries) has finished — not as each test finishes. Errors outside any test (a file
 * that does not load) are not in the JUnit report: they come from bun's own output on stderr.
 */
export async function runBun(files: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const results = new Map<string, TestFileResult>();
  const finish = (): RunResult => {
    const ordered = files.flatMap((file) => results.get(file) ?? []);
    for (const result of ordered) {
      options.onFileStart?.(result.file);
      for (const test of result.tests) options.onTestResult?.(test);
      options.onFileResult?.(result);
    }
    return { files: ordered, summary: summarise(ordered, performance.now() - started) };
  };
  if (files.length === 0 || options.signal?.aborted) return finish();
  const bun = findBun(options.root);
  if (!bun) {
    const message = `${BUN_MISSING} (looked from ${options.root}). ${BUN_INSTALL_HINT}`;
    for (const file of files) results.set(file, failed(file, { message }));
    return finish();
  }

  const first = await attempt(bun, files, options);
  for (const file of files) {
    const result = first.files.get(file);
    if (result) results.set(file, result);
    else if (options.signal?.aborted) continue;
    else if (options.bail && [...first.files.values()].some((r) => r.status === 'failed')) continue;
    else if (!existsSync(join(options.root, file))) results.set(file, failed(file, { message: `Test file not found: ${file}` }));
    else if (first.crashed) results.set(file, failed(file, describeCrash('bun', first)));
    else results.set(file, failed(file, { message: 'bun did not run this file: bun test found no tests in it (is it a test file bun runs?)' }));
  }

  // Retries: bun has no retry option; the files with failing tests are run again, up to `retries` times.
  for (let n = 1; n <= (options.retries ?? 0) && !options.signal?.aborted; n++) {
    const again = files.filter((file) => results.get(file)?.tests.some((t) => t.status === 'failed'));
    if (again.length === 0) break;
    const next = await attempt(bun, again, { ...options, bail: false });
    for (const file of again) {
      const previous = results.get(file)!;
      const rerun = next.files.get(file);
      if (!rerun) continue;
      const byId = new Map(rerun.tests.map((t) => [t.id, t]));
      const tests = previous.tests.map((test) => {
        const latest = test.status === 'failed' ? byId.get(test.id) : undefined;
        return latest ? { ...latest, retries: n } : test;
      });
      results.set(file, { ...previous, status: fileStatus(tests, previous.error), tests });
    }
  }
  return finish();
}

interface Attempt {
  files: Map<string, TestFileResult>;
  crashed: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  spawnError?: Error;
}

async function attempt(bun: string, files: readonly string[], options: RunOptions): Promise<Attempt> {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-bun-'));
  const report = join(dir, 'junit.xml');
  try {
    const args = ['test', '--reporter=junit', `--reporter-outfile=${report}`];
    // Another runner's files (Bun accelerating Jest): Jest gives every file its own module registry, so a
    // jest.mock in one file must not leak into the next, as it does in bun's default shared registry.
    if (options.detection.runner !== 'bun') args.push('--isolate');
    if (options.testNamePattern !== undefined) args.push(`--test-name-pattern=${options.testNamePattern}`);
    if (options.bail) args.push('--bail');
    // A path starting with ./ is a path to bun; without it an argument is a substring filter.
    args.push(...files.map((file) => `./${file}`));
    const exit = await spawnBun(bun, args, options);
    const wanted = new Set(files);
    const results = new Map<string, TestFileResult>();
    let xml: string | undefined;
    try {
      xml = readFileSync(report, 'utf8');
    } catch {
      // No report: bun crashed, or was stopped.
    }
    const suites = xml ? parseXml(xml) : undefined;
    const byFile = suites ? junitTests(options.root, suites) : new Map<string, { durationMs: number; tests: TestCase[] }>();
    const errors = errorsOutsideTests(options.root, exit.stderr, wanted);
    for (const file of files) {
      const entry = byFile.get(file);
      const error = errors.get(file);
      if (!entry && !error) continue;
      const tests = entry?.tests ?? [];
      results.set(file, { file, runner: 'bun', status: fileStatus(tests, error), durationMs: Math.round((entry?.durationMs ?? 0) * 1000), tests, ...(error ? { error } : {}) });
    }
    // bun exits 1 when a test fails; anything else without a report is a crash.
    const crashed = xml === undefined || (exit.code !== 0 && exit.code !== 1) || exit.signal !== null || exit.spawnError !== undefined;
    return { files: results, crashed, ...exit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnBun(bun: string, args: string[], options: RunOptions): Promise<FrameworkExit> {
  return runFrameworkProcess({
    command: bun,
    args,
    cwd: options.root,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    // Load errors are read from bun's stderr: keep all of a large run's.
    stderrKeep: STDERR_KEEP,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

function failed(file: string, error: TestError): TestFileResult {
  return { file, runner: 'bun', status: 'failed', durationMs: 0, tests: [], error };
}

