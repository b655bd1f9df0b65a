import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult, TestCase, TestFileResult } from '@aqe/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonData, repoRoot, Sandbox } from './support/aqe.js';

// Snapshot mismatches and processes dying mid-file, per framework, through the built `aqe run`,
// counted against each framework's own summary of the same files. node:test on Node 20 has no
// snapshot assertion (t.assert.snapshot arrived in Node 22.3), so it has the crash case only.

const sh = promisify(execFile);
// The result cache would serve a file that passed before; these runs must run every file.
const NO_CACHE = { AQE_CACHE: 'off' };

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

async function project(name: string): Promise<string> {
  return sandbox.linkedProject(name);
}

/** `aqe run` as JSON; `--runner` takes several values, so the paths come after another flag. */
async function aqeRun(cwd: string, runner: string | undefined, paths: string[] = []): Promise<{ code: number; run: RunResult }> {
  const result = await sandbox.run(['run', ...(runner ? ['--runner', runner] : []), '--format', 'json', ...paths], cwd, NO_CACHE);
  return { code: result.code, run: jsonData<RunResult>(result, 'run') };
}

const counts = (r: RunResult) => ({ passed: r.summary.passed, failed: r.summary.failed, skipped: r.summary.skipped + r.summary.todo });
const file = (r: RunResult, name: string): TestFileResult => r.files.find((f) => f.file === name)!;
const test = (f: TestFileResult, title: string): TestCase => f.tests.find((t) => t.titlePath.at(-1) === title)!;
/** Everything the reader is shown about a failure. */
const shown = (t: TestCase) => [t.error?.message, t.error?.diff, t.error?.expected, t.error?.actual].join('\n');

function expectSnapshotMismatch(f: TestFileResult): void {
  expect(f.status).toBe('failed');
  const card = test(f, 'user card');
  expect(card.status).toBe('failed');
  expect(card.error?.message).toMatch(/snapshot/i);
  expect(shown(card)).toContain('Ada');
  expect(shown(card)).toContain('Grace');
  expect(test(f, 'matches its snapshot').status).toBe('passed');
}

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
const jestCounts = (j: JestJson) => ({ passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests });

describe('snapshot mismatches and crashes, as each framework reports them', { timeout: 180_000 }, () => {
  it('Jest: a snapshot mismatch fails its test with the diff; a test killing Jest fails the files left, keeping what ran', async () => {
    const cwd = await project('run-outcomes-jest');
    const files = ['tests/pass.test.js', 'tests/snapshot.test.js'];
    const { code, run } = await aqeRun(cwd, 'jest', files);
    expect(code).toBe(1);
    const own = await sh(join(repoRoot, 'node_modules/.bin/jest'), ['--json', '--ci', ...files], { cwd }).catch((e: { stdout: string }) => e);
    expect(counts(run)).toEqual(jestCounts(JSON.parse(own.stdout)));
    expectSnapshotMismatch(file(run, 'tests/snapshot.test.js'));

    const crashed = await aqeRun(cwd, 'jest', ['tests/crash.test.js']);
    expect(crashed.code).toBe(1);
    const crash = file(crashed.run, 'tests/crash.test.js');
    expect(crash).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^Jest was stopped by SIGKILL before reporting this file/) } });
    expect(test(crash, 'runs before the crash').status).toBe('passed');
    // Jest itself dies with it: no summary of its own to compare with.
    const itself = await sh(join(repoRoot, 'node_modules/.bin/jest'), ['--json', '--ci', 'tests/crash.test.js'], { cwd }).catch((e: { signal?: string; stdout: string }) => e);
    expect('signal' in itself ? itself.signal : undefined).toBe('SIGKILL');
  });

  it('Vitest: a snapshot mismatch fails its test; a killed worker fails the file it was running, counts as Vitest gives them', async () => {
    const cwd = await project('run-outcomes-vitest');
    const { code, run } = await aqeRun(cwd, 'vitest');
    expect(code).toBe(1);
    const own = await sh(join(repoRoot, 'node_modules/.bin/vitest'), ['run', '--reporter=json'], { cwd, env: { ...process.env, NODE_ENV: '', VITEST: '' } }).catch((e: { stdout: string }) => e);
    expect(counts(run)).toEqual(jestCounts(JSON.parse(own.stdout.slice(own.stdout.indexOf('{')))));
    expectSnapshotMismatch(file(run, 'tests/snapshot.test.ts'));
    // Vitest ties the dead worker to no file (its own JSON calls the file passed, with no tests):
    // aqe gives the crash to the file whose results were lost.
    expect(run.files.filter((f) => f.status === 'failed' && f.error).map((f) => [f.file, f.error?.message])).toEqual([
      ['tests/crash.test.ts', expect.stringMatching(/^Vitest lost the worker running this file: .*Worker forks emitted error/)],
    ]);
  });

  it('node:test: a test killing its file’s process fails that file; the other files run on (node counts it as one failed test)', async () => {
    const cwd = await project('run-outcomes-node');
    const { code, run } = await aqeRun(cwd, 'node');
    expect(code).toBe(1);
    expect(file(run, 'test/crash.test.js')).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('SIGKILL') } });
    const tap = await sh(process.execPath, ['--test', '--test-reporter=tap'], { cwd }).catch((e: { stdout: string }) => e);
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap.stdout)?.[1]);
    const fileErrors = run.files.filter((f) => f.error && f.tests.length === 0).length;
    expect({ passed: run.summary.passed, failed: run.summary.failed + fileErrors, skipped: run.summary.skipped, todo: run.summary.todo }).toEqual({
      passed: count('pass'),
      failed: count('fail') + count('cancelled'),
      skipped: count('skipped'),
      todo: count('todo'),
    });
  });

  it('Playwright: a snapshot mismatch fails its test; a killed worker fails the test that killed it, counts as Playwright gives them', async () => {
    const cwd = await project('run-outcomes-playwright');
    const { code, run } = await aqeRun(cwd, 'playwright');
    expect(code).toBe(1);
    const cli = join(repoRoot, 'node_modules/@playwright/test/cli.js');
    const own = await sh(process.execPath, [cli, 'test', '--reporter=json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
    const stats = (JSON.parse(own.stdout) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } }).stats;
    expect(counts(run)).toEqual({ passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
    expectSnapshotMismatch(file(run, 'tests/snapshot.spec.ts'));
    const crash = file(run, 'tests/crash.spec.ts');
    expect(test(crash, 'runs before the crash').status).toBe('passed');
    expect(test(crash, 'kills its process')).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('SIGKILL') } });
  });

  it('bun: a snapshot mismatch fails its test; a test killing bun fails every file of that run with the signal', async () => {
    const cwd = await project('run-outcomes-bun');
    const files = ['tests/pass.test.ts', 'tests/snapshot.test.ts'];
    const { code, run } = await aqeRun(cwd, 'bun', files);
    expect(code).toBe(1);
    expect(counts(run)).toEqual(await bunCounts(cwd, files));
    expectSnapshotMismatch(file(run, 'tests/snapshot.test.ts'));

    const crashed = await aqeRun(cwd, 'bun');
    expect(crashed.code).toBe(1);
    expect(crashed.run.files.map((f) => [f.file, f.status, f.error?.message.split('\n')[0]])).toEqual(
      ['tests/crash.test.ts', 'tests/pass.test.ts', 'tests/snapshot.test.ts'].map((f) => [f, 'failed', 'bun was stopped by SIGKILL before reporting this file:']),
    );
  });

  it('a framework dying mid-run fails its own files only: the other framework’s results are still reported', async () => {
    const cwd = await project('run-crash-mixed');
    const { code, run } = await aqeRun(cwd, undefined);
    expect(code).toBe(1);
    expect(run.files.map((f) => [f.file, f.runner, f.status])).toEqual([
      ['jest/crash.test.js', 'jest', 'failed'],
      ['node/smoke.test.mjs', 'node', 'passed'],
    ]);
    expect(file(run, 'jest/crash.test.js').error?.message).toContain('SIGKILL');
  });

  it('a framework that is not installed fails its own files with how to install it: the other framework’s results are still reported', async () => {
    // No node_modules at all: Jest cannot be resolved; node:test needs nothing but Node.
    const cwd = await sandbox.project('run-crash-mixed');
    const { code, run } = await aqeRun(cwd, undefined);
    expect(code).toBe(1);
    // Jest's config cannot even be read without Jest, so the failure sits on the config file.
    expect(run.files.map((f) => [f.file, f.runner, f.status])).toEqual([
      ['jest.config.js', 'jest', 'failed'],
      ['node/smoke.test.mjs', 'node', 'passed'],
    ]);
    expect(file(run, 'jest.config.js').error?.message).toContain('npm install --save-dev jest');
  });
});

/** bun test's own closing counts (" 2 pass", " 1 skip", ...), from its output on stderr. */
async function bunCounts(cwd: string, files: string[]): Promise<{ passed: number; failed: number; skipped: number }> {
  const own = await sh(join(repoRoot, 'node_modules/.bin/bun'), ['test', ...files.map((f) => `./${f}`)], { cwd, env: { ...process.env, NO_COLOR: '1' } }).catch((e: { stderr: string }) => e);
  const count = (word: string) => Number(new RegExp(`^ (\\d+) ${word}$`, 'm').exec(own.stderr)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip') + count('todo') };
}
