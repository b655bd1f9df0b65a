import type { TestFileResult } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { JestRun } from './jest-run.js';
import type { JestTestCase } from './run-protocol.js';

const test = (title: string, status = 'passed'): JestTestCase => ({ ancestorTitles: [], title, status, durationMs: 1, invocations: 1, location: null, failures: [] });
const exit = { code: 0, signal: null, stderr: '' };

function jestRun() {
  const finished: TestFileResult[] = [];
  const run = new JestRun({ root: '/repo', detection: { runner: 'jest', configFiles: [] }, onFileResult: (file) => finished.push(file) });
  return { run, finished };
}

describe('JestRun', () => {
  it('finishes a file two projects run only after both runs, with the tests of each, as Jest counts them', () => {
    const { run, finished } = jestRun();
    run.handle({ type: 'run-start', runs: 3, projects: 2 });
    run.handle({ type: 'file-start', path: '/repo/shared.test.js' });
    run.handle({ type: 'test', path: '/repo/shared.test.js', test: test('x') });
    run.handle({ type: 'file-start', path: '/repo/own.test.js' });
    run.handle({ type: 'file-result', path: '/repo/shared.test.js', durationMs: 5, tests: [test('z', 'pending')] });
    // Another project may still run shared.test.js: it waits.
    expect(finished).toEqual([]);
    run.handle({ type: 'file-start', path: '/repo/shared.test.js' });
    run.handle({ type: 'file-result', path: '/repo/shared.test.js', durationMs: 7, tests: [test('x'), test('z', 'pending')] });
    run.handle({ type: 'file-result', path: '/repo/own.test.js', durationMs: 1, tests: [test('y', 'failed')] });
    run.handle({ type: 'run-complete' });
    run.settle(['shared.test.js', 'own.test.js'], exit, { root: '/repo', detection: { runner: 'jest', configFiles: [] } });

    expect(finished.map((f) => [f.file, f.status, f.durationMs, f.tests.map((t) => `${t.id} ${t.status}`)])).toEqual([
      ['shared.test.js', 'passed', 12, ['shared.test.js > x passed', 'shared.test.js > z skipped', 'shared.test.js > x (2) passed', 'shared.test.js > z (2) skipped']],
      ['own.test.js', 'failed', 1, ['own.test.js > y failed']],
    ]);
    expect(run.result(0).summary).toMatchObject({ files: 2, tests: 5, passed: 2, failed: 1, skipped: 2 });
  });

  it("gives streamed tests what they printed, told at their file's end, each run's to its own test", () => {
    const { run, finished } = jestRun();
    const out = (text: string) => [{ stream: 'stdout' as const, text }];
    run.handle({ type: 'run-start', runs: 2, projects: 2 });
    for (const text of ['first run\n', 'second run\n']) {
      run.handle({ type: 'file-start', path: '/repo/shared.test.js' });
      run.handle({ type: 'test', path: '/repo/shared.test.js', test: test('x') });
      run.handle({ type: 'file-result', path: '/repo/shared.test.js', durationMs: 1, tests: [{ ...test('y', 'failed'), output: out('y\n') }], testOutput: [{ titlePath: ['x'], location: null, output: out(text) }] });
    }
    expect(finished[0]!.tests.map((t) => [t.id, t.output])).toEqual([
      ['shared.test.js > x', out('first run\n')],
      ['shared.test.js > y', out('y\n')],
      ['shared.test.js > x (2)', out('second run\n')],
      ['shared.test.js > y (2)', out('y\n')],
    ]);
  });

  it('finishes each file at its result when the config has one project', () => {
    const { run, finished } = jestRun();
    run.handle({ type: 'run-start', runs: 2, projects: 0 });
    run.handle({ type: 'file-start', path: '/repo/a.test.js' });
    run.handle({ type: 'file-result', path: '/repo/a.test.js', durationMs: 1, tests: [test('a')] });
    expect(finished.map((f) => f.file)).toEqual(['a.test.js']);
  });

  it('fails a file whose run never ended when Jest dies, keeping what it reported, and says once what it could not do', () => {
    const { run } = jestRun();
    run.handle({ type: 'notice', message: 'no retries' });
    run.handle({ type: 'notice', message: 'no retries' });
    run.handle({ type: 'run-start', runs: 1, projects: 0 });
    run.handle({ type: 'file-start', path: '/repo/dies.test.js' });
    run.handle({ type: 'test', path: '/repo/dies.test.js', test: test('first') });
    run.settle(['dies.test.js'], { code: null, signal: 'SIGKILL', stderr: '' }, { root: '/repo', detection: { runner: 'jest', configFiles: [] } });
    const result = run.result(0);
    expect(result.files.map((f) => [f.file, f.status, f.tests.length, f.error?.message])).toEqual([['dies.test.js', 'failed', 1, 'Jest was stopped by SIGKILL before reporting this file']]);
    expect(result.notices).toEqual(['no retries']);
  });
});
