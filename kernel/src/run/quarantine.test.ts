import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { tempProject } from '../test-support/temp-project.js';
import type { TestCase, TestFileResult } from '../types/results.js';
import { loadQuarantine, markQuarantined, QUARANTINE_FILE } from './quarantine.js';
import { summarise } from './summary.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function project(files: Record<string, string | object>): string {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p.dir;
}

async function thrown(fn: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected an error');
}

const test = (id: string, status: TestCase['status']): TestCase => ({ id, file: 'a.test.js', titlePath: [id.split(' > ')[1]!], status, durationMs: 1, retries: 0 });

describe('loadQuarantine', () => {
  it('is null when the project has no quarantine file', async () => {
    expect(await loadQuarantine(project({}))).toBeNull();
  });

  it('reads the entries sorted by id, filling what a hand-written entry leaves out from the id', async () => {
    const dir = project({
      [QUARANTINE_FILE]: {
        version: 1,
        tests: [
          { id: 'b.test.js > suite > slow one', reason: 'times out on CI', since: '2026-01-02' },
          { id: 'a.test.js > random', file: 'a.test.js', titlePath: ['random'], reason: 'flaky', since: '2026-01-01' },
        ],
      },
    });
    expect(await loadQuarantine(dir)).toEqual({
      version: 1,
      tests: [
        { id: 'a.test.js > random', file: 'a.test.js', titlePath: ['random'], reason: 'flaky', since: '2026-01-01' },
        { id: 'b.test.js > suite > slow one', file: 'b.test.js', titlePath: ['suite', 'slow one'], reason: 'times out on CI', since: '2026-01-02' },
      ],
    });
  });

  it.each([
    ['not JSON', '{ "version": 1, tests: [] }', '', /aqe\.quarantine\.json is not valid JSON/],
    ['a wrong version', { version: 2, tests: [] }, 'version', /aqe\.quarantine\.json: `version`/],
    ['an id that is not a string', { version: 1, tests: [{ id: 42 }] }, 'tests[0].id', /`tests\[0\]\.id` expected string, received number/],
    ['an unknown key', { version: 1, tests: [{ id: 'a > b', why: 'x' }] }, 'tests[0].why', /unknown key `tests\[0\]\.why`/],
  ])('rejects %s with AQE_QUARANTINE_INVALID naming the file, the key and the fix', async (_name, content, keyPath, message) => {
    const error = await thrown(() => loadQuarantine(project({ [QUARANTINE_FILE]: content })));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('AQE_QUARANTINE_INVALID');
    expect(error.file).toBe(QUARANTINE_FILE);
    expect(error.keyPath).toBe(keyPath);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('aqe flaky --quarantine');
  });
});

describe('markQuarantined', () => {
  it('marks only failed tests on the list, and the summary counts them', () => {
    const files: TestFileResult[] = [
      { file: 'a.test.js', runner: 'node', status: 'failed', durationMs: 1, tests: [test('a.test.js > random', 'failed'), test('a.test.js > broken', 'failed'), test('a.test.js > listed but passing', 'passed')] },
    ];
    markQuarantined(files, { version: 1, tests: ['a.test.js > random', 'a.test.js > listed but passing'].map((id) => ({ id, file: 'a.test.js', titlePath: [], reason: '', since: '' })) });
    expect(files[0]!.tests.map((t) => [t.id, t.quarantined ?? false])).toEqual([
      ['a.test.js > random', true],
      ['a.test.js > broken', false],
      ['a.test.js > listed but passing', false],
    ]);
    expect(summarise(files, 0)).toMatchObject({ failed: 2, passed: 1, quarantined: 1 });
  });

  it('leaves the summary without a quarantined count when nothing is quarantined', () => {
    const files: TestFileResult[] = [{ file: 'a.test.js', runner: 'node', status: 'failed', durationMs: 1, tests: [test('a.test.js > broken', 'failed')] }];
    markQuarantined(files, null);
    expect(summarise(files, 0)).not.toHaveProperty('quarantined');
  });
});
