import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions, RunResult, TestFileResult } from '@aqe/kernel';
import vitestPlugin from '@aqe/runner-vitest';
import { describe, expect, it } from 'vitest';
import { fileOf as file, type RunEvent, recordRun, runnerOf, scratchDirs, testOf as test, withEnv } from './support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repoRoot, 'test/fixtures/run-vitest');
const tempDir = scratchDirs('aqe-run-vitest-');
const vitestRunner = () => runnerOf(vitestPlugin);
const vitestCli = join(repoRoot, 'node_modules/vitest/vitest.mjs');

/** A project outside the repo; with `link`, node_modules points at the repo's (Vitest resolves). */
function tempProject(files: Record<string, string>, link: boolean): string {
  const dir = tempDir();
  if (link) symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

interface Outcome {
  result: RunResult;
  events: RunEvent[];
}

async function run(files: string[], options: Partial<RunOptions> = {}, root = fixture): Promise<Outcome> {
  return recordRun(vitestRunner(), files, { root, detection: { runner: 'vitest', configFiles: ['vitest.config.mjs'] }, ...options });
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; status: string }[];
}

/** Vitest's own JSON reporter on the same files: the bar for the counts. */
function vitestJson(files: string[], extra: string[] = [], cwd = fixture): Promise<JsonReport> {
  // The suite runs inside Vitest; its worker variables must not leak into the child Vitest.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [vitestCli, 'run', '--reporter=json', ...extra, ...files], { cwd, env, maxBuffer: 1 << 26 }, (_error, stdout) => {
      try {
        resolve(JSON.parse(stdout) as JsonReport);
      } catch (error) {
        reject(error);
      }
    });
  });
}

describe('runner-vitest run()', () => {
  it('reports passing, failing, skipped, todo and nested tests as Vitest does, streaming them', async () => {
    const files = ['tests/pass.test.ts', 'tests/fail.test.ts', 'tests/filter.test.ts'];
    const [{ result, events }, json] = await Promise.all([run(files), vitestJson(files)]);

    expect(result.files.map((f) => [f.file, f.runner, f.status])).toEqual([
      ['tests/fail.test.ts', 'vitest', 'failed'],
      ['tests/filter.test.ts', 'vitest', 'passed'],
      ['tests/pass.test.ts', 'vitest', 'passed'],
    ]);
    const { summary } = result;
    expect(summary).toMatchObject({ files: 3, tests: json.numTotalTests, passed: json.numPassedTests, failed: json.numFailedTests, todo: json.numTodoTests });
    expect(summary.skipped).toBe(json.numPendingTests);
    expect(summary).toMatchObject({ tests: 10, passed: 5, failed: 3, skipped: 1, todo: 1 });

    // Nested describe blocks, skip and todo, with declaration locations.
    expect(file(result, 'tests/pass.test.ts').tests).toEqual([
      expect.objectContaining({ id: 'tests/pass.test.ts > adds numbers', titlePath: ['adds numbers'], location: { line: 4, column: 1 }, status: 'passed', retries: 0 }),
      expect.objectContaining({ id: 'tests/pass.test.ts > outer > inner > works when nested', file: 'tests/pass.test.ts', titlePath: ['outer', 'inner', 'works when nested'], location: { line: 10, column: 5 }, status: 'passed' }),
      expect.objectContaining({ id: 'tests/pass.test.ts > outer > is skipped', status: 'skipped' }),
      expect.objectContaining({ id: 'tests/pass.test.ts > outer > is a todo', status: 'todo' }),
    ]);

    // toBe: expected/actual/diff without colours, located in the test file.
    const toBe = test(result, 'tests/fail.test.ts > failures > compares with toBe');
    expect(toBe).toMatchObject({ status: 'failed', location: { line: 7, column: 3 } });
    expect(toBe.error).toMatchObject({ message: 'expected 2 to be 3 // Object.is equality', expected: '3', actual: '2', location: { file: 'tests/fail.test.ts', line: 8, column: 23 } });
    expect(toBe.error!.diff).toContain('- Expected');
    expect(toBe.error!.stack).toContain('fail.test.ts:8:23');

    const thrown = test(result, 'tests/fail.test.ts > failures > throws an error');
    expect(thrown.error).toMatchObject({ message: 'boom from the test', location: { file: 'tests/fail.test.ts', line: 12, column: 11 } });
    expect(thrown.error!.expected).toBeUndefined();

    const toEqual = test(result, 'tests/fail.test.ts > failures > compares objects with toEqual');
    expect(toEqual.error!.expected).toContain('"c"');
    expect(toEqual.error!.actual).toContain('"b"');
    expect(toEqual.error!.diff).toContain('-     "c",');

    for (const f of result.files) {
      for (const t of f.tests) {
        expect(t.durationMs).toBeGreaterThanOrEqual(0);
        for (const text of [t.error?.message, t.error?.diff, t.error?.stack]) expect(text ?? '').not.toContain('\u001b[');
      }
    }

    // Streamed per file: start, its tests, then its result, once each; every test reported.
    for (const name of files) {
      const mine = events.filter(([kind, data]) => (kind === 'start' ? data === name : data.file === name));
      expect(mine[0]).toEqual(['start', name]);
      expect(mine.at(-1)).toEqual(['file', file(result, name)]);
      expect(mine.filter(([kind]) => kind === 'test')).toHaveLength(file(result, name).tests.length);
    }
  });

  it('gives a file that does not compile a file-level error and still runs the others', async () => {
    const { result, events } = await run(['tests/syntax-error.test.ts', 'tests/pass.test.ts']);
    const broken = file(result, 'tests/syntax-error.test.ts');
    expect(broken).toMatchObject({ status: 'failed', tests: [] });
    expect(broken.error!.message).toContain('Expected `,` or `)`');
    expect(broken.error!.message).not.toContain('\u001b[');
    expect(broken.error!.location).toEqual({ file: 'tests/syntax-error.test.ts', line: 4, column: 19 });
    expect(file(result, 'tests/pass.test.ts').status).toBe('passed');
    expect(events).toContainEqual(['file', broken]);
  });

  it('keeps unhandled errors: the file they came from fails with them', async () => {
    const { result } = await run(['tests/unhandled.test.ts']);
    const unhandled = file(result, 'tests/unhandled.test.ts');
    expect(unhandled.status).toBe('failed');
    expect(unhandled.tests.map((t) => t.status)).toEqual(['passed']);
    expect(unhandled.error!.message).toContain('Unhandled Rejection');
    expect(unhandled.error!.message).toContain('unhandled rejection from the fixture');
    expect(unhandled.error!.location).toMatchObject({ file: 'tests/unhandled.test.ts', line: 4 });
  });

  it('fails the file with the error of a failing beforeAll', async () => {
    const { result } = await run(['tests/hook-error.test.ts']);
    const hooked = file(result, 'tests/hook-error.test.ts');
    expect(hooked.status).toBe('failed');
    // As Vitest reports them: the tests under the failed hook are skipped.
    expect(hooked.tests.map((t) => [t.titlePath.join(' > '), t.status])).toEqual([
      ['broken setup > is not reached', 'skipped'],
      ['runs outside the broken block', 'passed'],
    ]);
    expect(hooked.error).toMatchObject({ message: 'describe "broken setup": beforeAll failed on purpose', location: { file: 'tests/hook-error.test.ts', line: 5 } });
  });

  it('filters tests by name with testNamePattern (-t) as Vitest does', async () => {
    const files = ['tests/filter.test.ts', 'tests/pass.test.ts'];
    // Matched against describe blocks and the test name joined by spaces.
    const pattern = '^filtering alpha';
    const [{ result }, json] = await Promise.all([run(files, { testNamePattern: pattern }), vitestJson(files, ['-t', pattern])]);
    expect(test(result, 'tests/filter.test.ts > filtering > alpha is selected by the pattern').status).toBe('passed');
    expect(test(result, 'tests/filter.test.ts > filtering > beta is left out by the pattern').status).toBe('skipped');
    expect(file(result, 'tests/pass.test.ts').status).toBe('skipped');
    expect(result.summary).toMatchObject({ tests: json.numTotalTests, passed: json.numPassedTests, failed: 0 });
    expect(result.summary.passed).toBe(1);
  });

  it('retries a failing test with Vitest retry and reports the attempts', async () => {
    const retried = await withEnv({ AQE_FIXTURE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.test.ts'], { retries: 2 }));
    expect(retried.result.files[0]!.tests).toEqual([expect.objectContaining({ titlePath: ['passes on the second attempt'], status: 'passed', retries: 1 })]);
    expect(retried.result.files[0]!.tests[0]!.error).toBeUndefined();
    expect(retried.result.files[0]!.status).toBe('passed');

    const once = await withEnv({ AQE_FIXTURE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.test.ts']));
    expect(once.result.files[0]!.tests).toEqual([expect.objectContaining({ status: 'failed', retries: 0 })]);
  });

  it('bails: no file starts after the first failing file finished', async () => {
    // The fixture's tests, one file at a time (whatever the machine's cores), so some never start;
    // no results cache, which would land in the linked node_modules.
    const dir = tempProject({ 'package.json': '{"type":"module"}', 'vitest.config.mjs': 'export default { test: { fileParallelism: false, cache: false } };\n' }, true);
    cpSync(join(fixture, 'tests'), join(dir, 'tests'), { recursive: true });
    const files = ['tests/fail.test.ts', 'tests/pass.test.ts', 'tests/filter.test.ts', 'tests/unhandled.test.ts', 'tests/syntax-error.test.ts'];
    const { result, events } = await run(files, { bail: true }, dir);
    const firstFailure = events.findIndex(([kind, data]) => kind === 'file' && data.status === 'failed');
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(events.slice(firstFailure + 1).filter(([kind]) => kind === 'start')).toEqual([]);
    expect(result.files.length).toBeLessThan(files.length);
    expect(result.files.filter((f) => f.status === 'failed')).toHaveLength(1);
    // The failing file ran to its end (file-level bail; Vitest's own bail option would skip the rest of its tests).
    expect((events[firstFailure]![1] as TestFileResult).tests.filter((t) => t.status === 'skipped')).toEqual([]);
  });

  it("bails after n failing files with a count, as Jest's --bail=n", async () => {
    const dir = tempProject({ 'package.json': '{"type":"module"}', 'vitest.config.mjs': 'export default { test: { fileParallelism: false, cache: false } };\n' }, true);
    cpSync(join(fixture, 'tests'), join(dir, 'tests'), { recursive: true });
    const files = ['tests/fail.test.ts', 'tests/pass.test.ts', 'tests/filter.test.ts', 'tests/unhandled.test.ts', 'tests/syntax-error.test.ts', 'tests/hook-error.test.ts'];
    const { result, events } = await run(files, { bail: 2 }, dir);
    const failures = events.flatMap(([kind, data], i) => (kind === 'file' && data.status === 'failed' ? [i] : []));
    expect(failures).toHaveLength(2);
    expect(events.slice(failures[1]! + 1).filter(([kind]) => kind === 'start')).toEqual([]);
    expect(result.files.length).toBeLessThan(files.length);
  });

  it("passes the words after -- to Vitest's own CLI parser, after aqe's options", async () => {
    const dir = tempProject({ 'package.json': '{"type":"module"}', 'slow.test.js': "import { it } from 'vitest';\nit('takes 200 ms', () => new Promise((resolve) => setTimeout(resolve, 200)));\n" }, true);
    const plain = await run(['slow.test.js'], {}, dir);
    expect(plain.result.files[0]!.tests[0]!.status).toBe('passed');
    // A reporter or watch flag cannot take the run from aqe: its reporter stays, the run ends.
    const timed = await run(['slow.test.js'], { frameworkArgs: ['--testTimeout=20', '--reporter=dot', '--watch'] }, dir);
    expect(timed.result.files[0]!.tests[0]).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('Test timed out in 20ms') } });
  });

  it('keeps what a test prints on the test and what the file prints outside its tests on the file; not with silent', async () => {
    const dir = tempProject(
      {
        'package.json': '{"type":"module"}',
        'out.test.js': "import { expect, it } from 'vitest';\nconsole.log('loading');\nit('fails', () => { console.error('why'); expect(1).toBe(2); });\n",
      },
      true,
    );
    const { result } = await run(['out.test.js'], {}, dir);
    expect(result.files[0]!.output).toEqual([{ stream: 'stdout', text: 'loading\n' }]);
    expect(result.files[0]!.tests[0]!.output).toEqual([{ stream: 'stderr', text: 'why\n' }]);
    const silent = await run(['out.test.js'], { silent: true }, dir);
    expect(silent.result.files[0]!.output).toBeUndefined();
    expect(silent.result.files[0]!.tests[0]!.output).toBeUndefined();
  });

  it("runs with the config the test script names, counting what that script's vitest command counts", async () => {
    const dir = join(repoRoot, 'test/fixtures/vitest-script-config');
    const files = ['checks/math.check.js', 'checks/text.check.js'];
    const [{ result }, own] = await Promise.all([run(files, {}, dir), vitestJson([], ['--config', 'config/vitest.unit.mjs'], dir)]);
    expect(own.numTotalTests).toBe(4);
    expect(result.summary).toMatchObject({ files: 2, tests: own.numTotalTests, passed: own.numPassedTests, failed: own.numFailedTests, skipped: own.numPendingTests });
  });

  it('aborts: kills Vitest and its workers and resolves with what finished', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const pidFile = join(dir, 'hang.pid');
    const poll = setInterval(() => {
      if (existsSync(pidFile) && readFileSync(pidFile, 'utf8')) controller.abort();
    }, 50);
    try {
      const files = ['tests/pass.test.ts', 'tests/hang.test.ts'];
      const { result, events } = await withEnv({ AQE_FIXTURE_HANG_DIR: dir }, () => run(files, { signal: controller.signal }));
      expect(controller.signal.aborted).toBe(true);
      expect(events).toContainEqual(['start', 'tests/hang.test.ts']);
      // Exactly the files that finished before the abort (pass.test.ts, when Vitest ran it first).
      expect(result.files).toEqual(events.flatMap(([kind, data]) => (kind === 'file' ? [data] : [])));
      expect(result.files.map((f) => f.file)).not.toContain('tests/hang.test.ts');
    } finally {
      clearInterval(poll);
    }
    const worker = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(worker), { timeout: 10_000 }).toBe(false);
  });

  it('takes Vitest and its workers down when aqe itself dies mid-run', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'hang.pid');
    const script = [
      `const { default: plugin } = await import(${JSON.stringify(join(repoRoot, 'plugins/runner-vitest/dist/index.js'))});`,
      'let runner;',
      'plugin.setup({ runners: { add: (r) => (runner = r) } });',
      `await runner.run(['tests/hang.test.ts'], { root: ${JSON.stringify(fixture)}, detection: { runner: 'vitest', configFiles: [] } });`,
    ].join('\n');
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))), AQE_FIXTURE_HANG_DIR: dir };
    const aqe = spawn(process.execPath, ['--input-type=module', '-e', script], { env, stdio: 'ignore' });
    try {
      await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', { timeout: 30_000, interval: 50 }).toBe(true);
    } finally {
      aqe.kill('SIGKILL');
    }
    const worker = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(worker), { timeout: 10_000 }).toBe(false);
  });

  it('returns at once when aborted before it starts', async () => {
    const { result, events } = await run(['tests/pass.test.ts'], { signal: AbortSignal.abort() });
    expect(result.files).toEqual([]);
    expect(events).toEqual([]);
  });

  it('fails every file with how to install Vitest when the project has none', async () => {
    const dir = tempProject({ 'package.json': '{"type":"module"}', 'a.test.js': "test('x', () => {});\n", 'b.test.js': "test('y', () => {});\n" }, false);
    const { result, events } = await run(['a.test.js', 'b.test.js'], {}, dir);
    expect(result.files.map((f) => [f.file, f.status, f.tests.length])).toEqual([
      ['a.test.js', 'failed', 0],
      ['b.test.js', 'failed', 0],
    ]);
    expect(result.files[0]!.error!.message).toContain('npm install --save-dev vitest');
    expect(events.filter(([kind]) => kind === 'file')).toHaveLength(2);
  });

  it('fails the files Vitest did not report when its process crashes, with the exit and stderr', async () => {
    const dir = tempProject(
      {
        'package.json': '{"type":"module"}',
        'vitest.config.mjs': "export default { test: { globalSetup: './crash.mjs', cache: false } };\n",
        'crash.mjs': "export default function setup() {\n  process.stderr.write('about to crash\\n');\n  process.kill(process.pid, 'SIGKILL');\n}\n",
        'a.test.js': "import { test } from 'vitest';\ntest('x', () => {});\n",
      },
      true,
    );
    const { result } = await run(['a.test.js'], {}, dir);
    expect(result.files).toEqual([expect.objectContaining({ file: 'a.test.js', status: 'failed', tests: [] })]);
    expect(result.files[0]!.error!.message).toContain('Vitest was killed by SIGKILL');
    expect(result.files[0]!.error!.message).toContain('about to crash');
  });

  it('fails every file with the reason when the Vitest config cannot be loaded', async () => {
    const dir = tempProject(
      {
        'package.json': '{"type":"module"}',
        'vitest.config.mjs': "throw new Error('config is broken on purpose');\n",
        'a.test.js': "import { test } from 'vitest';\ntest('x', () => {});\n",
      },
      true,
    );
    const { result } = await run(['a.test.js'], {}, dir);
    expect(result.files).toEqual([expect.objectContaining({ file: 'a.test.js', status: 'failed' })]);
    expect(result.files[0]!.error!.message).toContain('Vitest could not run');
    expect(result.files[0]!.error!.message).toContain('config is broken on purpose');
  });

  it('fails a requested file the Vitest config does not include', async () => {
    const { result } = await run(['tests/math.ts']);
    expect(result.files).toEqual([expect.objectContaining({ file: 'tests/math.ts', status: 'failed', tests: [] })]);
    expect(result.files[0]!.error!.message).toContain('include');
  });
});

/** Running, and not a zombie waiting for a parent that is gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}
