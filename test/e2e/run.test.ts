import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonData, repoRoot, Sandbox } from './support/aqe.js';

const sh = promisify(execFile);
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

/** A fixture copy resolving the frameworks (and aqe itself, for suggested `npx aqe` commands) from the repository. */
async function project(name: string): Promise<string> {
  return sandbox.linkedProject(name);
}

const counts = (r: RunResult) => ({ passed: r.summary.passed, failed: r.summary.failed, skipped: r.summary.skipped + r.summary.todo });

describe('aqe run on Jest', () => {
  it('reports the same counts as Jest itself, exits 1, and records history', async () => {
    const cwd = await project('run-jest');
    const result = await sandbox.run(['run', '--runner', 'jest', '--format', 'json'], cwd);
    expect(result.code).toBe(1);
    const run = jsonData<RunResult>(result, 'run');
    const jest = await sh(join(repoRoot, 'node_modules/.bin/jest'), ['--json', '--ci'], { cwd }).catch((e: { stdout: string }) => e);
    const own = JSON.parse(jest.stdout) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numRuntimeErrorTestSuites: number };
    expect(counts(run)).toEqual({ passed: own.numPassedTests, failed: own.numFailedTests, skipped: own.numPendingTests + own.numTodoTests });
    expect(run.files.filter((f) => f.error).length).toBe(own.numRuntimeErrorTestSuites);
    const store = await openStore({ path: join(cwd, '.aqe/store'), readOnly: true });
    try {
      const passing = run.files.flatMap((f) => f.tests).find((t) => t.status === 'passed')!;
      const history = store.db<{ status: string; hash: string }[]>('history').get(`test:${passing.id}`);
      expect(history?.at(-1)).toMatchObject({ status: 'passed', hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
    } finally {
      await store.close();
    }
  });

  it('gives schema-valid, byte-identical ai output whose suggested command re-runs just that file', async () => {
    const cwd = await project('run-jest');
    const env = { AQE_AI_OUTPUT: '1' };
    const first = await sandbox.run(['run', '--runner', 'jest'], cwd, env);
    const second = await sandbox.run(['run', '--runner', 'jest'], cwd, env);
    expect(first.stdout).toBe(second.stdout);
    const out = JSON.parse(first.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out).toMatchObject({ outputType: 'test_results', status: 'failure' });
    const fix = out.actionSuggestions.find((a: { action: string; priority: string }) => a.action === 'fix_test_failures' && a.priority === 'high');
    const { stdout } = await sh('sh', ['-c', fix.automation.command], { cwd, env: { ...process.env, AQE_AI_OUTPUT: '1', NODE_ENV: '' } }).catch((e: { stdout: string }) => e);
    const rerun = JSON.parse(stdout);
    expect(rerun.summary.files).toBe(1);
    expect(rerun.data.failures.every((f: { file: string }) => f.file === fix.targetFiles[0])).toBe(true);
  });

  it('narrows with paths and -t, and exits 2 for a malformed --shard', async () => {
    const cwd = await project('run-jest');
    const only = jsonData<RunResult>(await sandbox.run(['run', 'tests/pass.test.js', '--format', 'json'], cwd), 'run');
    expect(only.files.map((f) => f.file)).toEqual(['tests/pass.test.js']);
    const named = jsonData<RunResult>(await sandbox.run(['run', 'tests/fail.test.js', '-t', 'toBe mismatch', '--format', 'json'], cwd), 'run');
    expect(named.files[0]?.tests.filter((t) => t.status !== 'skipped').map((t) => t.titlePath.at(-1))).toEqual(['toBe mismatch']);
    const bad = await sandbox.run(['run', '--shard', '3/2'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard');
  });

  it('writes junit XML to --output-file', async () => {
    const cwd = await project('run-jest');
    const result = await sandbox.run(['run', '--runner', 'jest', '--format', 'junit', '--output-file', 'reports/junit.xml'], cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const xml = readFileSync(join(cwd, 'reports/junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<testsuite name="tests/fail.test.js"');
  });
});

describe('aqe run on node:test', () => {
  it('reports the same counts as node --test itself', async () => {
    const cwd = await project('run-node');
    const run = jsonData<RunResult>(await sandbox.run(['run', '--runner', 'node', '--format', 'json'], cwd), 'run');
    const tap = await sh(process.execPath, ['--test', '--test-reporter=tap'], { cwd }).catch((e: { stdout: string }) => e);
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap.stdout)?.[1]);
    // Node counts a file that fails to load as one failed test; aqe reports it as a file error.
    const loadFailures = run.files.filter((f) => f.error && f.tests.length === 0).length;
    expect({ passed: run.summary.passed, failed: run.summary.failed + loadFailures, skipped: run.summary.skipped, todo: run.summary.todo }).toEqual({
      passed: count('pass'),
      failed: count('fail') + count('cancelled'),
      skipped: count('skipped'),
      todo: count('todo'),
    });
  });
});

describe('aqe run on Vitest', () => {
  it('reports the same counts as vitest run itself', async () => {
    const cwd = await project('run-vitest');
    const run = jsonData<RunResult>(await sandbox.run(['run', '--runner', 'vitest', '--format', 'json'], cwd), 'run');
    const own = await sh(join(repoRoot, 'node_modules/.bin/vitest'), ['run', '--reporter=json'], { cwd, env: { ...process.env, NODE_ENV: '', VITEST: '' } }).catch((e: { stdout: string }) => e);
    const json = JSON.parse(own.stdout.slice(own.stdout.indexOf('{'))) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    expect({ passed: run.summary.passed, failed: run.summary.failed, skipped: run.summary.skipped + run.summary.todo }).toEqual({
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    });
    expect(run.files.some((f) => f.error)).toBe(true);
  });
});

describe('aqe run on Playwright', () => {
  it('reports the same counts as playwright test itself', async () => {
    const cwd = await project('run-playwright');
    // Playwright aborts a whole run on a file that does not load, so compare on the files that
    // do; the browser test is compared apart: Playwright alone has no browser on these machines.
    const files = ['tests/fail.spec.ts', 'tests/pass.spec.ts', 'tests/skip.spec.ts'];
    const result = await sandbox.run(['run', '--runner=playwright', '--format', 'json', ...files], cwd);
    const run = jsonData<RunResult>(result, 'run');
    const cli = join(repoRoot, 'node_modules/@playwright/test/cli.js');
    const own = await sh(process.execPath, [cli, 'test', '--reporter=json', ...files.map((f) => `/${f.replace(/[.]/g, '\\.')}$/`)], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
    const stats = (JSON.parse(own.stdout) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } }).stats;
    expect({ passed: run.summary.passed, failed: run.summary.failed, skipped: run.summary.skipped }).toEqual({ passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))('runs a page test in /usr/bin/chromium when Playwright has no browser of its own', async () => {
    const cwd = await project('run-playwright');
    const run = jsonData<RunResult>(await sandbox.run(['run', '--runner=playwright', '--format', 'json', 'tests/browser.spec.ts'], cwd), 'run');
    expect(run.summary).toMatchObject({ passed: 1, failed: 0 });
  });
});
