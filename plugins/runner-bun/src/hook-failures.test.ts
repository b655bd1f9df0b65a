import type { TestCase } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { asJestReports } from './hook-failures.js';

const test = (titlePath: string[], status: TestCase['status'] = 'passed', line: number | null = 3): TestCase => ({
  id: `a.test.js > ${titlePath.join(' > ')}`,
  file: 'a.test.js',
  titlePath,
  status,
  durationMs: 0,
  retries: 0,
  ...(line === null ? {} : { location: { line, column: 1 } }),
  ...(status === 'failed' ? { error: { message: `${titlePath.at(-1)} broke` } } : {}),
});
const hook = (scope: string[]) => test([...scope, '(unnamed)'], 'failed', null);

describe('asJestReports', () => {
  it('leaves files without a hook failure alone, a test named (unnamed) included', () => {
    expect(asJestReports([test(['a']), test(['(unnamed)'], 'failed')])).toEqual({ kind: 'none' });
  });

  it('makes a failing afterAll, whose tests ran, the file’s error', () => {
    expect(asJestReports([test(['s', 'a']), hook(['s']), test(['b'])])).toEqual({ kind: 'file-error', tests: [test(['s', 'a']), test(['b'])], error: { message: '(unnamed) broke' } });
  });

  it('says the tests are unknown when a beforeAll failed before any test of its scope ran', () => {
    expect(asJestReports([hook(['db']), test(['outside'])])).toMatchObject({ kind: 'tests-unknown', error: { message: '(unnamed) broke' } });
    expect(asJestReports([hook([])])).toMatchObject({ kind: 'tests-unknown' });
  });

  it('names the hook’s scope when bun gave its failure no message (before 1.4)', () => {
    const silent = { ...hook(['s']), error: { message: '' } };
    expect(asJestReports([test(['s', 'a']), silent])).toMatchObject({ kind: 'file-error', error: { message: 'a hook of "s" failed' } });
  });
});
