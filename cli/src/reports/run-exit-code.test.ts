import type { RunResult, TestCase } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { runExitCode } from './run.js';

const test = (id: string, status: TestCase['status'], quarantined = false): TestCase => ({ id, file: 'a.test.js', titlePath: [id], status, durationMs: 1, retries: 0, ...(quarantined ? { quarantined } : {}) });

function run(tests: TestCase[], error?: string): { kind: 'run'; data: RunResult } {
  const failed = tests.filter((t) => t.status === 'failed').length;
  const quarantined = tests.filter((t) => t.quarantined).length;
  return {
    kind: 'run',
    data: {
      files: [{ file: 'a.test.js', runner: 'node', status: failed > 0 || error ? 'failed' : 'passed', durationMs: 1, tests, ...(error ? { error: { message: error } } : {}) }],
      summary: { files: 1, tests: tests.length, passed: tests.length - failed, failed, skipped: 0, todo: 0, durationMs: 1, ...(quarantined ? { quarantined } : {}) },
    },
  };
}

describe('runExitCode with a quarantine', () => {
  it.each([
    ['only quarantined failures', [test('a', 'passed'), test('b', 'failed', true)], undefined, 0],
    ['a quarantined and an unlisted failure', [test('a', 'failed'), test('b', 'failed', true)], undefined, 1],
    ['a quarantined failure in a file that also failed to finish', [test('b', 'failed', true)], 'runner crashed', 1],
    ['no failures', [test('a', 'passed')], undefined, 0],
  ])('%s → exit %i', (_name, tests, error, code) => {
    expect(runExitCode(run(tests, error))).toBe(code);
  });
});
