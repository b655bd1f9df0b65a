import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions, RunResult } from '@aqe/kernel';
import bunPlugin from '@aqe/runner-bun';
import { describe, expect, it } from 'vitest';
import { type RunEvent, recordRun, runnerOf, scratchDirs, withEnv } from './support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repoRoot, 'test/fixtures/run-bun');
const tempDir = scratchDirs('aqe-run-bun-');
const bunRunner = () => runnerOf(bunPlugin);
const bunBin = join(repoRoot, 'node_modules/.bin/bun');
const FIXTURE_FILES = ['tests/fail.test.ts', 'tests/flaky.test.ts', 'tests/pass.test.ts', 'tests/skip.test.ts', 'tests/syntax.test.ts'];

async function run(files: string[], options: Partial<RunOptions> = {}, root = fixture): Promise<{ result: RunResult; events: RunEvent[] }> {
  return recordRun(bunRunner(), files, { root, detection: { runner: 'bun', configFiles: [] }, ...options });
}

/** bun's own summary lines (` N pass`, ` N fail`, ...) for the same files. */
function bunSummary(files: string[], args: string[] = []): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1' };
    delete env.AQE_FLAKY_DIR;
    execFile(bunBin, ['test', ...args, ...files.map((f) => `./${f}`)], { cwd: fixture, env }, (_error, stdout, stderr) => {
      const counts: Record<string, number> = { pass: 0, fail: 0, skip: 0, todo: 0, error: 0 };
      for (const [, n, kind] of `${stdout}\n${stderr}`.matchAll(/^ (\d+) (pass|fail|skip|todo|error)$/gm)) counts[kind!] = Number(n);
      resolve(counts);
    });
  });
}

const file = (result: RunResult, name: string) => result.files.find((f) => f.file === name)!;
const test = (result: RunResult, id: string) => result.files.flatMap((f) => f.tests).find((t) => t.id === id)!;

describe('runner-bun run()', { timeout: 60_000 }, () => {
  it('reports statuses, ids, title paths, locations and errors from bun test', async () => {
    const { result, events } = await run(FIXTURE_FILES);
    expect(result.files.map((f) => [f.file, f.runner, f.status])).toEqual([
      ['tests/fail.test.ts', 'bun', 'failed'],
      ['tests/flaky.test.ts', 'bun', 'passed'],
      ['tests/pass.test.ts', 'bun', 'passed'],
      ['tests/skip.test.ts', 'bun', 'passed'],
      ['tests/syntax.test.ts', 'bun', 'failed'],
    ]);
    expect(Object.fromEntries(result.files.flatMap((f) => f.tests).map((t) => [t.id, t.status]))).toEqual({
      'tests/fail.test.ts > math > mismatch': 'failed',
      'tests/fail.test.ts > math > throws': 'failed',
      'tests/flaky.test.ts > flaky': 'passed',
      'tests/pass.test.ts > adds': 'passed',
      'tests/pass.test.ts > outer > inner > nested passes': 'passed',
      'tests/skip.test.ts > skipped one': 'skipped',
      'tests/skip.test.ts > later': 'todo',
      'tests/skip.test.ts > runs': 'passed',
    });
    const nested = test(result, 'tests/pass.test.ts > outer > inner > nested passes');
    expect(nested).toMatchObject({ file: 'tests/pass.test.ts', titlePath: ['outer', 'inner', 'nested passes'], location: { line: 9, column: 5 }, retries: 0 });
    expect(test(result, 'tests/fail.test.ts > math > mismatch').error).toMatchObject({
      message: expect.stringContaining('expect(received).toBe(expected)'),
      expected: '3',
      actual: '2',
      location: { file: 'tests/fail.test.ts', line: 5, column: 19 },
    });
    expect(test(result, 'tests/fail.test.ts > math > throws').error).toMatchObject({ message: 'boom', location: { file: 'tests/fail.test.ts', line: 9 } });
    for (const t of result.files.flatMap((f) => f.tests)) expect(t.error?.message ?? '').not.toContain(String.fromCharCode(27));

    // A file that does not load: a file-level error, no tests.
    expect(file(result, 'tests/syntax.test.ts')).toMatchObject({ status: 'failed', tests: [], error: { message: expect.stringContaining('Unexpected'), location: { file: 'tests/syntax.test.ts', line: 4 } } });

    // Callbacks per file after bun's run (its JUnit report comes at the end), in the order of the files asked for.
    expect(events.filter((e) => e[0] !== 'test').map((e) => [e[0], typeof e[1] === 'string' ? e[1] : e[1].file])).toEqual(
      FIXTURE_FILES.flatMap((f) => [
        ['start', f],
        ['file', f],
      ]),
    );
    expect(events.filter((e) => e[0] === 'test')).toHaveLength(result.summary.tests);

    // Counts as bun's own summary has them: bun counts a file that does not load as one failure.
    const counts = await bunSummary(FIXTURE_FILES);
    const loadErrors = result.files.filter((f) => f.error).length;
    expect(result.summary).toMatchObject({ files: 5, tests: 8, passed: counts.pass, skipped: counts.skip, todo: counts.todo, failed: counts.fail! - loadErrors });
    expect(loadErrors).toBe(counts.error);
  });

  it('runs exactly the files asked for (bun takes bare arguments as substring filters)', async () => {
    const { result } = await run(['tests/pass.test.ts']);
    expect(result.files.map((f) => f.file)).toEqual(['tests/pass.test.ts']);
    expect(result.summary.tests).toBe(2);
    const missing = await run(['tests/none.test.ts']);
    expect(file(missing.result, 'tests/none.test.ts')).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('not found') } });
  });

  it('filters tests with -t as bun does: the others are reported skipped', async () => {
    const files = ['tests/pass.test.ts', 'tests/fail.test.ts'];
    const [{ result }, counts] = await Promise.all([run(files, { testNamePattern: 'inner|mismatch' }), bunSummary(files, ['-t', 'inner|mismatch'])]);
    expect(Object.fromEntries(result.files.flatMap((f) => f.tests).map((t) => [t.id, t.status]))).toEqual({
      'tests/pass.test.ts > adds': 'skipped',
      'tests/pass.test.ts > outer > inner > nested passes': 'passed',
      'tests/fail.test.ts > math > mismatch': 'failed',
      'tests/fail.test.ts > math > throws': 'skipped',
    });
    expect(result.summary).toMatchObject({ passed: counts.pass, failed: counts.fail });
  });

  it('retries by re-running files with failing tests: a test passing later reports its retries', async () => {
    const once = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.test.ts']));
    expect(test(once.result, 'tests/flaky.test.ts > flaky')).toMatchObject({ status: 'failed', retries: 0 });
    const { result } = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.test.ts', 'tests/fail.test.ts'], { retries: 2 }));
    expect(test(result, 'tests/flaky.test.ts > flaky')).toMatchObject({ status: 'passed', retries: 1 });
    expect(test(result, 'tests/flaky.test.ts > flaky').error).toBeUndefined();
    expect(test(result, 'tests/fail.test.ts > math > mismatch')).toMatchObject({ status: 'failed', retries: 2 });
    expect(result.summary).toMatchObject({ tests: 3, passed: 1, failed: 2 });
  });

  it('bails: the files after the first failure are not reported', async () => {
    const { result } = await run(['tests/fail.test.ts', 'tests/pass.test.ts'], { bail: true });
    expect(result.files.map((f) => [f.file, f.status])).toEqual([['tests/fail.test.ts', 'failed']]);
  });

  it('runs with the options of the package’s bun test script, -- words and a bail count', async () => {
    const root = tempDir();
    const failing = "import { test } from 'bun:test';\ntest('fails', () => { throw new Error('no'); });\n";
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true, scripts: { test: 'bun run unit', unit: 'bun test --preload ./setup.ts ./tests' } }));
    writeFileSync(join(root, 'setup.ts'), 'globalThis.fromPreload = true;\n');
    mkdirSync(join(root, 'tests'));
    writeFileSync(join(root, 'tests/a.test.ts'), "import { expect, test } from 'bun:test';\ntest('preloaded', () => { expect(globalThis.fromPreload).toBe(true); });\ntest('slow', async () => { await Bun.sleep(300); });\n");
    for (const name of ['b', 'd', 'e']) writeFileSync(join(root, `tests/${name}.test.ts`), failing);
    writeFileSync(join(root, 'tests/c.test.ts'), "import { test } from 'bun:test';\ntest('passes', () => {});\n");
    const onPath = { PATH: `${dirname(bunBin)}${delimiter}${process.env.PATH}` };
    const plain = await withEnv(onPath, () => run(['tests/a.test.ts'], {}, root));
    expect(plain.result.summary).toMatchObject({ passed: 2, failed: 0 });
    const timed = await withEnv(onPath, () => run(['tests/a.test.ts'], { frameworkArgs: ['--timeout=50'] }, root));
    expect(Object.fromEntries(timed.result.files[0]!.tests.map((t) => [t.titlePath.at(-1), t.status]))).toEqual({ preloaded: 'passed', slow: 'failed' });
    const files = ['tests/b.test.ts', 'tests/c.test.ts', 'tests/d.test.ts', 'tests/e.test.ts'];
    const bailed = await withEnv(onPath, () => run(files, { bail: 2 }, root));
    expect(bailed.result.files.map((f) => [f.file, f.status])).toEqual([
      ['tests/b.test.ts', 'failed'],
      ['tests/c.test.ts', 'passed'],
      ['tests/d.test.ts', 'failed'],
    ]);
  });

  it('abort: an aborted signal runs nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await run(FIXTURE_FILES, { signal: controller.signal });
    expect(result.files).toEqual([]);
  });

  it('fails every file with an install hint when bun is absent', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{ "name": "scratch", "private": true }\n');
    writeFileSync(join(root, 'a.test.ts'), "import { test } from 'bun:test';\ntest('a', () => {});\n");
    const { result } = await withEnv({ PATH: '' }, () => run(['a.test.ts'], {}, root));
    expect(result.files).toEqual([{ file: 'a.test.ts', runner: 'bun', status: 'failed', durationMs: 0, tests: [], error: { message: expect.stringContaining('npm install --save-dev bun') } }]);
  });
});
