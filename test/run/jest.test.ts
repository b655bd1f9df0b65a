import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions, RunResult } from '@aqe/kernel';
import jestPlugin from '@aqe/runner-jest';
import { describe, expect, it } from 'vitest';
import { fileOf as file, type RunEvent, recordRun, runnerOf, scratchDirs, testOf as test, withEnv } from './support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repoRoot, 'test/fixtures/run-jest');
const tempDir = scratchDirs('aqe-run-jest-');
const jestRunner = () => runnerOf(jestPlugin);
const jestBin = join(repoRoot, 'node_modules/jest/bin/jest.js');
const FIXTURE_FILES = ['tests/fail.test.js', 'tests/flaky.test.js', 'tests/pass.test.js', 'tests/skip.test.js', 'tests/syntax.test.js'];

/** A project outside the repo; with `link`, node_modules/jest points at the repo's Jest. */
function tempProject(files: Record<string, string>, link: boolean): string {
  const dir = tempDir();
  if (link) {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(repoRoot, 'node_modules/jest'), join(dir, 'node_modules/jest'), 'dir');
  }
  for (const [path, content] of Object.entries({ 'package.json': '{ "name": "scratch", "private": true }\n', ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function run(files: string[], options: Partial<RunOptions> = {}, root = fixture): Promise<{ result: RunResult; events: RunEvent[] }> {
  return recordRun(jestRunner(), files, { root, detection: { runner: 'jest', configFiles: ['jest.config.js'] }, ...options });
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTestSuites: number;
}

/** Jest's own JSON reporter on the same files (exit code 1 when tests fail). */
function jestJson(files: string[], extra: string[] = []): Promise<JsonReport> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [jestBin, '--ci', '--json', ...extra, '--runTestsByPath', '--', ...files], { cwd: fixture, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      try {
        resolve(JSON.parse(stdout) as JsonReport);
      } catch {
        reject(error ?? new Error('jest --json printed no report'));
      }
    });
  });
}

/** Durations and machine paths aside, what a run reported. */
function comparable(result: RunResult, root: string) {
  const clean = (text: string | undefined) => text?.replaceAll(root, '<root>');
  return result.files
    .map((f) => ({
      ...f,
      durationMs: 0,
      error: f.error && { ...f.error, message: clean(f.error.message), stack: clean(f.error.stack) },
      tests: f.tests.map((t) => ({ ...t, durationMs: 0, error: t.error && { ...t.error, stack: clean(t.error.stack) } })).sort((a, b) => a.id.localeCompare(b.id)),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

describe('runner-jest run()', () => {
  it('streams normalised results for every outcome, agreeing with jest --json', async () => {
    const [{ result, events }, report] = await Promise.all([run(FIXTURE_FILES), jestJson(FIXTURE_FILES)]);

    expect(result.files.map((f) => f.file).sort()).toEqual(FIXTURE_FILES);
    expect(result.summary).toMatchObject({
      files: 5,
      tests: report.numTotalTests,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests,
      todo: report.numTodoTests,
    });
    expect(result.summary).toMatchObject({ tests: 13, passed: 7, failed: 3, skipped: 2, todo: 1 });
    expect(JSON.stringify(result)).not.toContain('\u001b[');

    // Events stream per file: start, its tests, then its result (the same objects run() returns).
    for (const f of result.files) {
      const start = events.findIndex((e) => e[0] === 'start' && e[1] === f.file);
      const end = events.findIndex((e) => e[0] === 'file' && e[1] === f);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      const streamed = events.flatMap((e, i) => (e[0] === 'test' && e[1].file === f.file ? [[i, e[1]] as const] : []));
      expect(streamed.map(([, t]) => t)).toEqual(f.tests);
      for (const [i] of streamed) expect(i > start && i < end).toBe(true);
    }

    const pass = file(result, 'tests/pass.test.js');
    expect(pass.status).toBe('passed');
    expect(pass.runner).toBe('jest');
    expect(pass.tests.map((t) => [t.id, t.titlePath, t.location, t.status])).toEqual([
      ['tests/pass.test.js > top-level passes', ['top-level passes'], { line: 3, column: 1 }, 'passed'],
      ['tests/pass.test.js > math > adds', ['math', 'adds'], { line: 8, column: 3 }, 'passed'],
      ['tests/pass.test.js > math > nested > adds negatives', ['math', 'nested', 'adds negatives'], { line: 13, column: 5 }, 'passed'],
      ['tests/pass.test.js > strings > concatenates', ['strings', 'concatenates'], { line: 20, column: 3 }, 'passed'],
    ]);
    expect(pass.tests.every((t) => t.retries === 0 && t.error === undefined)).toBe(true);

    const fail = file(result, 'tests/fail.test.js');
    expect(fail.status).toBe('failed');
    expect(fail.error).toBeUndefined();
    const toBe = test(result, 'tests/fail.test.js > failing > toBe mismatch');
    expect(toBe).toMatchObject({ status: 'failed', titlePath: ['failing', 'toBe mismatch'], location: { line: 4, column: 3 }, retries: 0 });
    expect(toBe.error).toMatchObject({
      message: 'expect(received).toBe(expected) // Object.is equality\n\nExpected: 3\nReceived: 2',
      expected: '3',
      actual: '2',
      location: { file: 'tests/fail.test.js', line: 5, column: 23 },
    });
    expect(toBe.error?.diff).toBeUndefined();
    expect(toBe.error?.stack).toContain(`${join(fixture, 'tests/fail.test.js')}:5:23`);
    expect(toBe.error?.stack).not.toContain('jest-circus');

    const toEqual = test(result, 'tests/fail.test.js > failing > toEqual mismatch');
    // Jest prints its diff into the message: it moves to `diff`.
    expect(toEqual.error).toMatchObject({
      message: 'expect(received).toEqual(expected) // deep equality',
      expected: 'Object {\n  "a": 2,\n  "b": Array [\n    1,\n    2,\n  ],\n}',
      actual: 'Object {\n  "a": 1,\n  "b": Array [\n    1,\n    2,\n  ],\n}',
      location: { file: 'tests/fail.test.js', line: 9, column: 33 },
    });
    expect(toEqual.error?.diff).toMatch(/^- Expected {2}- 1\n\+ Received {2}\+ 1\n/);
    expect(toEqual.error?.diff).toContain('-   "a": 2,\n+   "a": 1,');

    const thrown = test(result, 'tests/fail.test.js > failing > throws an Error');
    expect(thrown.error).toMatchObject({ message: 'boom', location: { file: 'tests/fail.test.js', line: 13, column: 11 } });
    expect(thrown.error?.expected).toBeUndefined();
    expect(thrown.error?.stack).toMatch(/^Error: boom\n/);
    expect(test(result, 'tests/fail.test.js > failing > passes').status).toBe('passed');

    const skip = file(result, 'tests/skip.test.js');
    expect(skip.status).toBe('passed');
    expect(Object.fromEntries(skip.tests.map((t) => [t.id, t.status]))).toEqual({
      'tests/skip.test.js > runs': 'passed',
      'tests/skip.test.js > is skipped': 'skipped',
      'tests/skip.test.js > is todo': 'todo',
      'tests/skip.test.js > skipped block > inside a skipped block': 'skipped',
    });

    const syntax = file(result, 'tests/syntax.test.js');
    expect(syntax).toMatchObject({ status: 'failed', tests: [], error: { location: { file: 'tests/syntax.test.js', line: 3, column: 1 } } });
    expect(syntax.error?.message).toContain("Unexpected token ')'");
    expect(syntax.error?.stack).toContain('SyntaxError');

    // Without a marker directory the flaky test passes.
    expect(file(result, 'tests/flaky.test.js').tests.map((t) => [t.id, t.status, t.retries])).toEqual([['tests/flaky.test.js > flaky', 'passed', 0]]);
  });

  it('filters tests with -t as Jest does: the others are reported skipped', async () => {
    const files = ['tests/pass.test.js', 'tests/fail.test.js'];
    const [{ result }, report] = await Promise.all([run(files, { testNamePattern: 'math nested|toBe' }), jestJson(files, ['--testNamePattern=math nested|toBe'])]);
    const statuses = Object.fromEntries(result.files.flatMap((f) => f.tests).map((t) => [t.id, t.status]));
    expect(statuses).toEqual({
      'tests/pass.test.js > top-level passes': 'skipped',
      'tests/pass.test.js > math > adds': 'skipped',
      'tests/pass.test.js > math > nested > adds negatives': 'passed',
      'tests/pass.test.js > strings > concatenates': 'skipped',
      'tests/fail.test.js > failing > toBe mismatch': 'failed',
      'tests/fail.test.js > failing > toEqual mismatch': 'skipped',
      'tests/fail.test.js > failing > throws an Error': 'skipped',
      'tests/fail.test.js > failing > passes': 'skipped',
    });
    expect(result.summary).toMatchObject({ tests: report.numTotalTests, passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests });

    const none = await run(['tests/pass.test.js'], { testNamePattern: 'matches nothing at all' });
    expect(file(none.result, 'tests/pass.test.js').status).toBe('skipped');
    expect(none.result.summary).toMatchObject({ tests: 4, skipped: 4 });
  });

  it('retries failing tests with jest.retryTimes: a test passing on a later attempt reports its retries', async () => {
    const once = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.test.js']));
    expect(test(once.result, 'tests/flaky.test.js > flaky')).toMatchObject({ status: 'failed', retries: 0, error: { message: 'first attempt fails' } });

    const { result, events } = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.test.js', 'tests/fail.test.js', 'tests/pass.test.js'], { retries: 2 }));
    expect(test(result, 'tests/flaky.test.js > flaky')).toMatchObject({ status: 'passed', retries: 1 });
    expect(test(result, 'tests/flaky.test.js > flaky').error).toBeUndefined();
    // Tests failing every attempt: their last attempt, reported once.
    expect(test(result, 'tests/fail.test.js > failing > toBe mismatch')).toMatchObject({ status: 'failed', retries: 2, error: { expected: '3', actual: '2' } });
    expect(test(result, 'tests/fail.test.js > failing > passes')).toMatchObject({ status: 'passed', retries: 0 });
    expect(test(result, 'tests/pass.test.js > math > adds').retries).toBe(0);
    const ids = events.flatMap((e) => (e[0] === 'test' ? [e[1].id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.summary).toMatchObject({ tests: 9, passed: 6, failed: 3 });
  });

  it("gives the same results when Jest runs the files in worker processes (failureDetails lose the error's message there)", async () => {
    const dir = tempProject({}, true);
    cpSync(fixture, dir, { recursive: true });
    // A memory limit makes Jest use workers even for few fast files on any machine.
    writeFileSync(join(dir, 'jest.config.js'), "module.exports = { testEnvironment: 'node', transform: {}, maxWorkers: 2, workerIdleMemoryLimit: '1GB' };\n");
    const [inWorkers, inBand] = await Promise.all([run(FIXTURE_FILES, {}, dir), run(FIXTURE_FILES)]);
    expect(comparable(inWorkers.result, dir)).toEqual(comparable(inBand.result, fixture));
  });

  it("locates a syntax error that Babel reports (Jest's default transform)", async () => {
    const dir = tempProject({ 'jest.config.js': "module.exports = { testEnvironment: 'node' };\n", 'broken.test.js': readFileSync(join(fixture, 'tests/syntax.test.js'), 'utf8') }, true);
    const { result } = await run(['broken.test.js'], {}, dir);
    const broken = file(result, 'broken.test.js');
    expect(broken).toMatchObject({ status: 'failed', tests: [], error: { location: { file: 'broken.test.js', line: 3, column: 1 } } });
    expect(broken.error?.message).toContain('Unexpected token (3:0)');
  });

  it('fails a requested file that Jest does not run (not a test file of the config)', async () => {
    const { result } = await run(['src/sum.js', 'tests/pass.test.js']);
    expect(file(result, 'tests/pass.test.js').status).toBe('passed');
    expect(file(result, 'src/sum.js')).toMatchObject({ status: 'failed', tests: [], error: { message: expect.stringContaining('Jest did not run this file') } });
  });

  it("runs with the config the package's test script names (jest --config), as npm test does", async () => {
    const dir = tempProject(
      {
        'package.json': JSON.stringify({ name: 'scratch', private: true, scripts: { test: 'jest --config config/jest.config.js' } }),
        'jest.config.js': "module.exports = { testMatch: ['**/*.root.js'] };\n",
        'config/jest.config.js': "module.exports = { rootDir: '..', testEnvironment: 'node', testMatch: ['**/*.t.js'] };\n",
        'a.t.js': "test('a', () => {});\n",
      },
      true,
    );
    const { result } = await run(['a.t.js'], {}, dir);
    expect(file(result, 'a.t.js')).toMatchObject({ status: 'passed', tests: [{ id: 'a.t.js > a', status: 'passed' }] });
  });

  it('keeps what each test logged on the test, module scope and hooks on the file, in order, and nothing with silent', async () => {
    const dir = tempProject(
      {
        // verbose would print the console straight to stdout: aqe asks Jest to buffer it.
        'jest.config.js': "module.exports = { testEnvironment: 'node', transform: {}, verbose: true };\n",
        'log.js': 'module.exports = (text) => console.warn(text);\n',
        'a.test.js': [
          "const log = require('./log');",
          "console.log('loading a');",
          "beforeAll(() => console.log('before all'));",
          "test('fails', () => {",
          "  console.error('about to fail');",
          "  log('through a helper');",
          "  throw new Error('boom');",
          '});',
          "test('passes', () => {",
          "  console.log('fine');",
          '});',
          "afterAll(() => console.log('after all'));",
          '',
        ].join('\n'),
      },
      true,
    );
    const { result, events } = await run(['a.test.js'], {}, dir);
    const a = file(result, 'a.test.js');
    expect(a.output).toEqual([
      { stream: 'stdout', text: 'loading a\n' },
      { stream: 'stdout', text: 'before all\n' },
      { stream: 'stdout', text: 'after all\n' },
    ]);
    expect(test(result, 'a.test.js > fails').output).toEqual([
      { stream: 'stderr', text: 'about to fail\n' },
      { stream: 'stderr', text: 'through a helper\n' },
    ]);
    expect(test(result, 'a.test.js > passes').output).toEqual([{ stream: 'stdout', text: 'fine\n' }]);
    // A failed test is streamed with its file's result, where Jest hands the console over, so it carries its output there too.
    expect(events.flatMap((e) => (e[0] === 'test' && e[1].status === 'failed' ? [e[1].output] : []))).toEqual([test(result, 'a.test.js > fails').output]);
    const silent = await run(['a.test.js'], { silent: true }, dir);
    const quiet = file(silent.result, 'a.test.js');
    expect([quiet.output, ...quiet.tests.map((t) => t.output)]).toEqual([undefined, undefined, undefined]);
  });

  it('passes the words after -- to Jest, and with a bail count stops after that many failed tests, as Jest counts them', async () => {
    const dir = tempProject(
      {
        'jest.config.js': "module.exports = { testEnvironment: 'node', transform: {} };\n",
        'slow.test.js': "test('slow', async () => {\n  await new Promise((resolve) => setTimeout(resolve, 300));\n});\n",
      },
      true,
    );
    const timedOut = await run(['slow.test.js'], { frameworkArgs: ['--testTimeout=20'] }, dir);
    expect(file(timedOut.result, 'slow.test.js').tests[0]).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('Exceeded timeout of 20 ms') } });

    // The failing files are the largest: a fresh project runs them first; the slow ones are still running when Jest bails.
    const fails = `test('fails', () => {\n  expect(1).toBe(2);\n});\n${'// padding\n'.repeat(200)}`;
    const slow = "test('slow', async () => {\n  await new Promise((resolve) => setTimeout(resolve, 10000));\n}, 20000);\n";
    const bailing = tempProject({ 'jest.config.js': "module.exports = { testEnvironment: 'node', transform: {} };\n", 'a.test.js': fails, 'b.test.js': fails, 'c.test.js': slow, 'd.test.js': slow }, true);
    const { result } = await run(['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js'], { bail: 2 }, bailing);
    expect(result.files.filter((f) => f.status === 'failed').map((f) => f.file)).toEqual(['a.test.js', 'b.test.js']);
    expect(result.files.length).toBeLessThan(4);
  });

  it('stops after the first failing file with bail (Jest --bail)', async () => {
    // Long enough to still run when Jest bails, even on a loaded machine; Jest does not wait for them.
    const slow = "test('slow', async () => {\n  await new Promise((resolve) => setTimeout(resolve, 10000));\n}, 20000);\n";
    const dir = tempProject(
      {
        'jest.config.js': "module.exports = { testEnvironment: 'node', transform: {} };\n",
        // The largest file: a fresh project runs it first (no timings yet: biggest first).
        'a-fails.test.js': `test('fails', () => {\n  expect(1).toBe(2);\n});\n${'// padding\n'.repeat(200)}`,
        'b-slow.test.js': slow,
        'c-slow.test.js': slow,
        'd-slow.test.js': slow,
      },
      true,
    );
    const files = ['a-fails.test.js', 'b-slow.test.js', 'c-slow.test.js', 'd-slow.test.js'];
    const { result } = await run(files, { bail: true }, dir);
    expect(file(result, 'a-fails.test.js').status).toBe('failed');
    // Jest exits while the slow files run: they are not reported (neither passed nor failed).
    expect(result.files.length).toBeLessThan(files.length);
    expect(result.files.filter((f) => f.status === 'failed').map((f) => f.file)).toEqual(['a-fails.test.js']);
  });

  it('stops the Jest process group on abort and resolves with what finished', async () => {
    const markers = tempDir();
    const dir = tempProject(
      {
        'jest.config.js': "module.exports = { testEnvironment: 'node', transform: {} };\n",
        'hangs.test.js': `const fs = require('node:fs');\ntest('hangs', async () => {\n  fs.writeFileSync(${JSON.stringify(join(markers, 'pid'))}, String(process.pid));\n  await new Promise(() => {});\n}, 600000);\n`,
      },
      true,
    );
    const controller = new AbortController();
    const pidFile = join(markers, 'pid');
    const waitForPid = async () => {
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
    };
    const [{ result }] = await Promise.all([run(['hangs.test.js'], { signal: controller.signal }, dir), waitForPid()]);
    expect(result.files).toEqual([]);
    expect(result.summary.tests).toBe(0);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));

    // Already aborted: nothing starts.
    const before = await run(['tests/pass.test.js'], { signal: AbortSignal.abort() });
    expect(before.result.files).toEqual([]);
    expect(before.events).toEqual([]);
  });

  it('fails every file with how to install Jest when the project cannot resolve it', async () => {
    const dir = tempProject({ 'a.test.js': "test('a', () => {});\n", 'b.test.js': "test('b', () => {});\n" }, false);
    const { result, events } = await run(['a.test.js', 'b.test.js'], {}, dir);
    expect(result.files.map((f) => [f.file, f.status, f.tests.length])).toEqual([
      ['a.test.js', 'failed', 0],
      ['b.test.js', 'failed', 0],
    ]);
    expect(result.files[0]!.error?.message).toMatch(/Jest is not installed in .*npm install --save-dev jest/);
    expect(events.filter((e) => e[0] === 'file')).toHaveLength(2);
  });

  it('fails the files Jest did not report when the Jest process fails, with its exit code and stderr', async () => {
    const dir = tempProject(
      {
        'jest.config.js': "throw new Error('this config is broken on purpose');\n",
        'a.test.js': "test('a', () => {});\n",
      },
      true,
    );
    const { result } = await run(['a.test.js'], {}, dir);
    expect(file(result, 'a.test.js')).toMatchObject({ status: 'failed', tests: [] });
    expect(file(result, 'a.test.js').error?.message).toMatch(/^Jest exited with code 1 before reporting this file:\n/);
    expect(file(result, 'a.test.js').error?.message).toContain('this config is broken on purpose');
  });

  it('fails the files left when the Jest process dies mid-run', async () => {
    const dir = tempProject(
      {
        'jest.config.js': "module.exports = { testEnvironment: 'node', transform: {}, maxWorkers: 1 };\n",
        'dies.test.js': "test('passes first', () => {});\ntest('kills the process running it', () => {\n  process.kill(process.pid, 'SIGKILL');\n});\n",
        'other.test.js': "test('passes', () => {});\n",
      },
      true,
    );
    const { result } = await run(['dies.test.js', 'other.test.js'], {}, dir);
    expect(result.files.map((f) => f.file).sort()).toEqual(['dies.test.js', 'other.test.js']);
    // With what it reported before dying.
    expect(file(result, 'dies.test.js')).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^Jest was stopped by SIGKILL before reporting this file/) } });
    expect(file(result, 'dies.test.js').tests.map((t) => [t.id, t.status])).toEqual([['dies.test.js > passes first', 'passed']]);
    // Run before or after the crash, depending on Jest's order.
    expect(['passed', 'failed']).toContain(file(result, 'other.test.js').status);
  });

  it('reports nothing for no files', async () => {
    const { result, events } = await run([]);
    expect(result).toMatchObject({ files: [], summary: { files: 0, tests: 0 } });
    expect(events).toEqual([]);
  });
});
