import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKernel, type RunOptions, type RunResult, type TestCase, type TestFileResult } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import nodePlugin from '../../plugins/runner-node/dist/index.js';
import { fileOf, type RunEvent, recordRun, runnerOf, scratchDirs, testOf } from './support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repoRoot, 'test/fixtures/run-node');
const tempDir = scratchDirs('aqe-run-node-');
const nodeRunner = () => runnerOf(nodePlugin);
const exec = promisify(execFile);

function tempProject(files: Record<string, string>, script = 'node --test'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true, type: 'module', scripts: { test: script } }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function run(files: string[], options: Partial<RunOptions> = {}, root = fixture): Promise<{ result: RunResult; events: RunEvent[] }> {
  return recordRun(nodeRunner(), files, { root, detection: { runner: 'node', configFiles: ['package.json'] }, ...options });
}

const FIXTURE_FILES = ['test/fail.test.js', 'test/filter.test.js', 'test/flaky.test.js', 'test/pass.test.js', 'test/skip.test.js', 'test/syntax-error.test.js'];

describe('runner-node run()', () => {
  it('runs the fixture through node --test and normalises every result', async () => {
    const { result, events } = await run(FIXTURE_FILES);
    expect(result.files.map((f) => [f.file, f.status])).toEqual([
      ['test/fail.test.js', 'failed'],
      ['test/filter.test.js', 'passed'],
      ['test/flaky.test.js', 'passed'],
      ['test/pass.test.js', 'passed'],
      ['test/skip.test.js', 'passed'],
      ['test/syntax-error.test.js', 'failed'],
    ]);
    expect(result.summary).toMatchObject({ files: 6, tests: 17, passed: 11, failed: 3, skipped: 2, todo: 1 });

    const pass = fileOf(result, 'test/pass.test.js');
    expect(pass.tests.map((t) => [t.id, t.status])).toEqual([
      ['test/pass.test.js > math > addition > adds', 'passed'],
      ['test/pass.test.js > math > addition > adds negatives', 'passed'],
      ['test/pass.test.js > math > multiplies', 'passed'],
      ['test/pass.test.js > with subtests > first step', 'passed'],
      ['test/pass.test.js > with subtests > second step', 'passed'],
      ['test/pass.test.js > with subtests', 'passed'],
    ]);
    const adds = testOf(result, 'test/pass.test.js > math > addition > adds');
    expect(adds).toMatchObject({ file: 'test/pass.test.js', titlePath: ['math', 'addition', 'adds'], location: { line: 6, column: 5 }, retries: 0 });
    expect(adds.durationMs).toBeGreaterThanOrEqual(0);

    const numbers = testOf(result, 'test/fail.test.js > failures > compares numbers');
    expect(numbers.status).toBe('failed');
    expect(numbers.error).toMatchObject({ expected: '3', actual: '2', location: { file: 'test/fail.test.js', line: 6, column: 12 } });
    expect(numbers.error?.message).toContain('Expected values to be strictly equal');
    expect(numbers.error?.stack).toContain('fail.test.js:6:12');
    const objects = testOf(result, 'test/fail.test.js > failures > compares objects');
    expect(objects.error?.expected).toBe("{ name: 'aqe', tags: [ 'b' ] }");
    expect(objects.error?.actual).toBe("{ name: 'aqe', tags: [ 'a' ] }");
    expect(objects.error?.diff).toMatch(/^\+ actual - expected/);
    expect(objects.error?.diff).toContain("-     'b'");
    const thrown = testOf(result, 'test/fail.test.js > failures > throws');
    expect(thrown.error).toMatchObject({ message: 'something broke', location: { file: 'test/fail.test.js', line: 12, column: 11 } });
    expect(thrown.error).not.toHaveProperty('expected');
    expect(testOf(result, 'test/fail.test.js > failures > still passes').status).toBe('passed');

    const skip = fileOf(result, 'test/skip.test.js');
    expect(skip.tests.map((t) => [t.titlePath.at(-1), t.status])).toEqual([
      ['is skipped', 'skipped'],
      ['is todo', 'todo'],
      ['skips itself', 'skipped'],
      ['runs', 'passed'],
    ]);

    const syntax = fileOf(result, 'test/syntax-error.test.js');
    expect(syntax.tests).toEqual([]);
    expect(syntax.error?.message).toBe("SyntaxError: Unexpected token ';'");
    expect(syntax.error?.location).toEqual({ file: 'test/syntax-error.test.js', line: 4, column: 17 });

    for (const file of result.files) {
      for (const test of file.tests) expect(test.id).toBe(`${file.file} > ${test.titlePath.join(' > ')}`);
      expect(JSON.stringify(file)).not.toContain('\u001b[');
    }

    // Streamed: each file starts, then its tests, then its result; every test is announced.
    for (const file of FIXTURE_FILES) {
      const at = (kind: string) => events.findIndex((e) => e[0] === kind && (kind === 'start' ? e[1] === file : (e[1] as TestFileResult | TestCase).file === file));
      const tests = events.filter((e): e is ['test', TestCase] => e[0] === 'test' && e[1].file === file);
      expect(at('start')).toBeGreaterThanOrEqual(0);
      expect(at('file')).toBeGreaterThan(at('start'));
      for (const [, test] of tests) expect(events.findIndex((e) => e[1] === test)).toBeLessThan(at('file'));
      expect(tests.length).toBe(fileOf(result, file).tests.length);
    }
    expect(events.filter((e) => e[0] === 'start')).toHaveLength(6);
  });

  it('agrees with node --test’s own counts', async () => {
    const { result } = await run(FIXTURE_FILES);
    const { stdout } = await exec(process.execPath, ['--test', '--test-reporter=tap', ...FIXTURE_FILES], { cwd: fixture }).catch((error: { stdout: string }) => error);
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(stdout)?.[1]);
    // Node counts a file that fails to load as a failed test; aqe reports it as the file's error.
    const loadFailures = result.files.filter((f) => f.error && f.tests.length === 0).length;
    expect(result.summary.tests + loadFailures).toBe(count('tests'));
    expect(result.summary.passed).toBe(count('pass'));
    expect(result.summary.failed + loadFailures).toBe(count('fail'));
    expect(result.summary.skipped).toBe(count('skipped'));
    expect(result.summary.todo).toBe(count('todo'));
  });

  it('runs only the tests a name pattern matches', async () => {
    const { result, events } = await run(['test/filter.test.js', 'test/pass.test.js'], { testNamePattern: 'matched by' });
    expect(fileOf(result, 'test/filter.test.js').tests.map((t) => [t.id, t.status])).toEqual([['test/filter.test.js > filtering > matched by pattern', 'passed']]);
    expect(fileOf(result, 'test/pass.test.js')).toMatchObject({ status: 'skipped', tests: [] });
    expect(events.filter((e) => e[0] === 'test')).toHaveLength(1);

    // A describe block's name selects all of its tests, as in node --test.
    const addition = await run(['test/pass.test.js'], { testNamePattern: '^addition$' });
    expect(addition.result.files[0]?.tests.map((t) => t.titlePath.at(-1))).toEqual(['adds', 'adds negatives']);
  });

  it('re-runs a failing test by its exact name and reports the attempts', async () => {
    const flakyDir = tempDir();
    const saved = process.env.AQE_FLAKY_DIR;
    process.env.AQE_FLAKY_DIR = flakyDir;
    let result: RunResult;
    let events: RunEvent[];
    try {
      ({ result, events } = await run(['test/flaky.test.js', 'test/fail.test.js'], { retries: 2 }));
    } finally {
      if (saved === undefined) delete process.env.AQE_FLAKY_DIR;
      else process.env.AQE_FLAKY_DIR = saved;
    }
    const flaky = testOf(result, 'test/flaky.test.js > passes on the second attempt');
    expect(flaky).toMatchObject({ status: 'passed', retries: 1 });
    expect(flaky).not.toHaveProperty('error');
    expect(fileOf(result, 'test/flaky.test.js').status).toBe('passed');
    expect(testOf(result, 'test/fail.test.js > failures > throws')).toMatchObject({ status: 'failed', retries: 2, error: { message: 'something broke' } });
    // Only the failing tests ran again: the passing one keeps its single attempt.
    expect(testOf(result, 'test/fail.test.js > failures > still passes')).toMatchObject({ status: 'passed', retries: 0 });
    expect(readdirSync(flakyDir)).toEqual(['flaky-ran']);
    // Announced once, with the final outcome.
    const announced = events.filter((e): e is ['test', TestCase] => e[0] === 'test' && e[1].file === 'test/flaky.test.js');
    expect(announced.map(([, t]) => [t.status, t.retries])).toEqual([['passed', 1]]);
  });

  it('stops after the first failing file with bail', async () => {
    const { result, events } = await run(FIXTURE_FILES, { bail: true });
    // Node runs files in sorted order: fail.test.js fails first.
    expect(result.files.map((f) => f.file)).toEqual(['test/fail.test.js']);
    expect(events.filter((e) => e[0] === 'file')).toHaveLength(1);
  });

  it('bails only after retries fail, and goes on when they pass', async () => {
    const flakyDir = tempDir();
    const saved = process.env.AQE_FLAKY_DIR;
    process.env.AQE_FLAKY_DIR = flakyDir;
    try {
      const { result } = await run(['test/flaky.test.js', 'test/pass.test.js'], { bail: true, retries: 1 });
      expect(result.files.map((f) => [f.file, f.status])).toEqual([
        ['test/flaky.test.js', 'passed'],
        ['test/pass.test.js', 'passed'],
      ]);
    } finally {
      if (saved === undefined) delete process.env.AQE_FLAKY_DIR;
      else process.env.AQE_FLAKY_DIR = saved;
    }
  });

  it('stops the run and its processes on abort, keeping what finished', async () => {
    const dir = tempProject({
      'a-quick.test.js': "import { test } from 'node:test';\ntest('quick', () => {});\n",
      'b-hangs.test.js':
        "import { writeFileSync } from 'node:fs';\nimport { test } from 'node:test';\ntest('hangs', async () => {\n  writeFileSync(new URL('./hang.pid', import.meta.url), String(process.pid));\n  await new Promise((resolve) => setTimeout(resolve, 60_000));\n});\n",
    });
    const controller = new AbortController();
    const pidFile = join(dir, 'hang.pid');
    const watcher = setInterval(() => {
      if (existsSync(pidFile)) controller.abort();
    }, 20);
    // Without the abort the hanging test holds the run for 60 s, past the test's own timeout.
    const { result } = await run(['a-quick.test.js', 'b-hangs.test.js'], { signal: controller.signal }, dir).finally(() => clearInterval(watcher));
    expect(result.files.map((f) => [f.file, f.status])).toEqual([['a-quick.test.js', 'passed']]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
  });

  it('fails the files a crashed node --test did not finish, keeping the others', async () => {
    const dir = tempProject({
      'a.test.js': "import { test } from 'node:test';\ntest('fine', () => {});\n",
      'b.test.js': "import { test } from 'node:test';\ntest('kills the runner', () => { process.kill(process.ppid, 'SIGKILL'); return new Promise(() => {}); });\n",
    });
    const { result } = await run(['a.test.js', 'b.test.js'], {}, dir);
    expect(fileOf(result, 'a.test.js').status).toBe('passed');
    const crashed = fileOf(result, 'b.test.js');
    expect(crashed.status).toBe('failed');
    expect(crashed.error?.message).toContain('was killed by SIGKILL');
  });

  it('reports a file that is gone and one that fails after its tests', async () => {
    const dir = tempProject({
      'exits.test.js': "import { test } from 'node:test';\ntest('passes', () => {});\nprocess.on('exit', () => { process.exitCode = 3; });\n",
      'late.test.js': "import { test } from 'node:test';\ntest('passes', () => {});\nsetTimeout(() => { throw new Error('after the tests'); }, 10);\n",
    });
    const { result } = await run(['exits.test.js', 'late.test.js', 'missing.test.js'], {}, dir);
    expect(fileOf(result, 'missing.test.js')).toMatchObject({ status: 'failed', tests: [], error: { message: 'test file not found: missing.test.js' } });
    const exits = fileOf(result, 'exits.test.js');
    expect(exits).toMatchObject({ status: 'failed', error: { message: "the test file's process exited with code 3" } });
    expect(exits.tests.map((t) => t.status)).toEqual(['passed']);
    const late = fileOf(result, 'late.test.js');
    expect(late.status).toBe('failed');
    expect(late.error?.message).toMatch(/asynchronous activity after the test ended.*Error: after the tests/);
    expect(late.tests.map((t) => t.status)).toEqual(['passed']);
  });

  it('runs with the Node options and environment of the project’s test script', async () => {
    const dir = tempProject(
      {
        'setup.js': 'globalThis.fromSetup = true;\n',
        'env.test.js': "import assert from 'node:assert';\nimport { test } from 'node:test';\ntest('sees the script', () => {\n  assert.equal(process.env.AQE_FROM_SCRIPT, 'yes');\n  assert.equal(globalThis.fromSetup, true);\n});\n",
      },
      'AQE_FROM_SCRIPT=yes node --import ./setup.js --test-reporter=spec --test',
    );
    const { result } = await run(['env.test.js'], {}, dir);
    expect(result.files[0]).toMatchObject({ status: 'passed', tests: [{ status: 'passed' }] });
    // The same, when the test script only names the script that runs node --test.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', type: 'module', scripts: { test: 'npm run test:node', 'test:node': 'AQE_FROM_SCRIPT=yes node --import ./setup.js --test' } }));
    const followed = await run(['env.test.js'], {}, dir);
    expect(followed.result.files[0]).toMatchObject({ status: 'passed', tests: [{ status: 'passed' }] });
  });

  it('keeps what a file printed on the file, in order, and nothing with silent', async () => {
    const dir = tempProject({
      'a.test.js': "import { test } from 'node:test';\nconsole.log('loading a');\ntest('fails', () => {\n  console.error('about to fail');\n  throw new Error('boom');\n});\n",
    });
    const { result } = await run(['a.test.js'], {}, dir);
    const file = fileOf(result, 'a.test.js');
    expect(file.status).toBe('failed');
    expect(file.output).toEqual([
      { stream: 'stdout', text: 'loading a\n' },
      { stream: 'stderr', text: 'about to fail\n' },
    ]);
    const silent = await run(['a.test.js'], { silent: true }, dir);
    expect(fileOf(silent.result, 'a.test.js').output).toBeUndefined();
  });

  it('passes the words after -- to node as options', async () => {
    const dir = tempProject({ 'slow.test.js': "import { test } from 'node:test';\ntest('slow', async () => { await new Promise((r) => setTimeout(r, 500)); });\n" });
    expect((await run(['slow.test.js'], {}, dir)).result.summary).toMatchObject({ passed: 1, failed: 0 });
    // Node 20 times the file's own process out too, before it reports its test (node --test says: cancelled 1).
    const { result } = await run(['slow.test.js'], { frameworkArgs: ['--test-timeout=50', '--test-reporter=spec'] }, dir);
    expect(result.summary).toMatchObject({ passed: 0 });
    expect(fileOf(result, 'slow.test.js')).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/timed out after 50ms/) } });
  });

  it('bails after the n-th failing file', async () => {
    const failing = "import { test } from 'node:test';\ntest('fails', () => { throw new Error('no'); });\n";
    const dir = tempProject({ 'a.test.js': failing, 'b.test.js': "import { test } from 'node:test';\ntest('passes', () => {});\n", 'c.test.js': failing, 'd.test.js': failing });
    const files = ['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js'];
    expect((await run(files, { bail: 2 }, dir)).result.files.map((f) => f.file)).toEqual(['a.test.js', 'b.test.js', 'c.test.js']);
    expect((await run(files, { bail: 1 }, dir)).result.files.map((f) => f.file)).toEqual(['a.test.js']);
  });

  it('keeps each file’s tests apart when files finish out of order', async () => {
    const files: Record<string, string> = {};
    // The first files in Node's order take longest, so later ones finish first and wait.
    for (const [name, ms] of [
      ['a', 900],
      ['b', 600],
      ['c', 0],
      ['d', 300],
      ['e', 0],
    ] as const) {
      files[`${name}.test.js`] =
        `import { describe, it } from 'node:test';\nconsole.log('output of ${name}');\ndescribe('${name} suite', () => {\n  it('${name} one', async () => { await new Promise((r) => setTimeout(r, ${ms})); });\n  it('${name} two', () => { if ('${name}' === 'c') throw new Error('c fails'); });\n});\n`;
    }
    const dir = tempProject(files, 'node --test-concurrency=4 --test');
    const { result } = await run(Object.keys(files), {}, dir);
    for (const file of result.files) {
      const name = file.file[0]!;
      expect(file.tests.map((t) => t.id)).toEqual([`${name}.test.js > ${name} suite > ${name} one`, `${name}.test.js > ${name} suite > ${name} two`]);
      expect(file.status).toBe(name === 'c' ? 'failed' : 'passed');
      expect(file.output).toEqual([{ stream: 'stdout', text: `output of ${name}\n` }]);
    }
    expect(result.files).toHaveLength(5);
  });

  it('is the node runner’s run() through the kernel', async () => {
    const kernel = await createKernel({ cwd: fixture, plugins: [{ plugin: nodePlugin }], storeDir: tempDir() });
    try {
      const runner = kernel.registry.get('runners', 'node');
      const result = await runner!.run!(['test/pass.test.js'], { root: fixture, detection: { runner: 'node', configFiles: ['package.json'] } });
      expect(result.summary).toMatchObject({ files: 1, tests: 6, passed: 6 });
    } finally {
      await kernel.dispose();
    }
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
