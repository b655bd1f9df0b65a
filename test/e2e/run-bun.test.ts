import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonData, repoRoot, Sandbox } from './support/aqe.js';

// `aqe run --runner bun` on a Jest suite: Bun runs what it can load, Jest re-runs the rest in
// the same run, and the store remembers which files need Jest. The fixture's two files use
// jest.requireActual / jest.requireMock, which bun test does not have.

const sh = promisify(execFile);
// The result cache would serve files that passed before: every run here must run its files.
const NO_CACHE = { AQE_CACHE: 'off' };
const FALLBACK = ['tests/require-actual.test.js', 'tests/require-mock.test.js'];
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8')));

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

async function jestCounts(cwd: string): Promise<{ passed: number; failed: number; skipped: number; todo: number }> {
  const own = await sh(join(repoRoot, 'node_modules/.bin/jest'), ['--json', '--ci'], { cwd }).catch((e: { stdout: string }) => e);
  const j = JSON.parse(own.stdout) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests, todo: j.numTodoTests };
}

const counts = (r: RunResult) => ({ passed: r.summary.passed, failed: r.summary.failed, skipped: r.summary.skipped, todo: r.summary.todo });
const who = (r: RunResult) => r.files.map((f) => [f.file, f.runner, f.fallbackFrom ?? null]);

describe('aqe run --runner bun on a Jest suite', { timeout: 120_000 }, () => {
  it('runs it under bun, re-runs the files bun cannot load under Jest, and counts what Jest counts', async () => {
    const cwd = await sandbox.linkedProject('run-jest-bun');
    const result = await sandbox.run(['run', '--runner', 'bun', '--format', 'json'], cwd, NO_CACHE);
    expect(result.code).toBe(1);
    const run = jsonData<RunResult>(result, 'run');
    expect(who(run)).toEqual([
      ['tests/fail.test.js', 'bun', null],
      ['tests/mock.test.js', 'bun', null],
      ['tests/pass.test.js', 'bun', null],
      ['tests/require-actual.test.js', 'jest', 'bun'],
      ['tests/require-mock.test.js', 'jest', 'bun'],
      ['tests/skip.test.js', 'bun', null],
    ]);
    expect(counts(run)).toEqual(await jestCounts(cwd));
    expect(run.files.filter((f) => FALLBACK.includes(f.file)).every((f) => f.status === 'passed' && !f.error)).toBe(true);
    expect(run.notices).toEqual(['jest ran 2 of 6 file(s) bun was to run: 2 did not load in bun this run. Results of those files are jest\'s (fallbackFrom: "bun").']);

    // The next run sends them straight to Jest, and says so once, in the human and the ai output.
    const human = await sandbox.run(['run', '--runner', 'bun'], cwd, NO_CACHE);
    expect(human.stdout.split('\n').filter((l) => l.startsWith('NOTE '))).toEqual(['NOTE jest ran 2 of 6 file(s) bun was to run: 2 had not loaded in bun before and are unchanged. Results of those files are jest\'s (fallbackFrom: "bun").']);
    const ai = JSON.parse((await sandbox.run(['run', '--runner', 'bun'], cwd, { ...NO_CACHE, AQE_AI_OUTPUT: '1' })).stdout);
    expect(validate(ai), JSON.stringify(validate.errors)).toBe(true);
    expect(ai.warnings).toEqual([{ code: 'AQE_RUN_NOTICE', message: expect.stringContaining('2 had not loaded in bun before and are unchanged') }]);

    // A changed file is given to bun again (and, still not loading there, goes back to Jest).
    appendFileSync(join(cwd, 'tests/require-mock.test.js'), '// edited\n');
    const edited = jsonData<RunResult>(await sandbox.run(['run', '--runner', 'bun', '--format', 'json'], cwd, NO_CACHE), 'run');
    expect(edited.notices).toEqual([expect.stringContaining('1 did not load in bun this run; 1 had not loaded in bun before and are unchanged')]);
    expect(who(edited)).toEqual(who(run));
  });

  it('runs everything under Jest and says so once when bun is absent', async () => {
    const cwd = await sandbox.project('run-jest-bun');
    // Jest alone resolvable from the project, and no bun on PATH.
    mkdirSync(join(cwd, 'node_modules'));
    symlinkSync(join(repoRoot, 'node_modules/jest'), join(cwd, 'node_modules/jest'), 'dir');
    const env = { ...NO_CACHE, PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':') };
    const run = jsonData<RunResult>(await sandbox.run(['run', '--runner', 'bun', '--format', 'json'], cwd, env), 'run');
    expect(who(run).map(([, runner, from]) => [runner, from])).toEqual(Array(6).fill(['jest', null]));
    expect(run.notices).toEqual(['bun is not installed (no node_modules/.bin/bun in the project or above it, no bun on PATH): jest ran all 6 file(s) instead of bun']);
    expect(counts(run)).toEqual(await jestCounts(cwd));
    const human = await sandbox.run(['run', '--runner', 'bun'], cwd, env);
    expect(human.stdout.match(/bun is not installed/g)).toHaveLength(1);
  });

  it('leaves a Jest project to Jest unless bun is asked for', async () => {
    const cwd = await sandbox.linkedProject('run-jest-bun');
    const run = jsonData<RunResult>(await sandbox.run(['run', '--format', 'json'], cwd, NO_CACHE), 'run');
    expect(new Set(run.files.map((f) => f.runner))).toEqual(new Set(['jest']));
    expect(run.notices).toBeUndefined();
  });
});
