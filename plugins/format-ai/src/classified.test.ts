import { readFileSync } from 'node:fs';
import type { FailureClass, FailureClassification, RunResult, TestCase } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { toAiOutput } from './ai-output.js';

const schema = JSON.parse(readFileSync(new URL('../../../docs/schema/ai-output.v1.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const failed = (title: string, message: string): TestCase => ({ id: `t.test.ts > ${title}`, file: 't.test.ts', titlePath: [title], status: 'failed', durationMs: 1, retries: 0, error: { message } });
const verdict = (title: string, cls: FailureClass, confidence: number): FailureClassification => ({
  testId: `t.test.ts > ${title}`,
  file: 't.test.ts',
  class: cls,
  confidence,
  signature: `sig-${title}`,
  reason: `reason ${title}.`,
  action: 'x',
});

const run = (classifications?: FailureClassification[]): RunResult => ({
  summary: { files: 1, tests: 4, passed: 0, failed: 4, skipped: 0, todo: 0, durationMs: 1 },
  files: [
    {
      file: 't.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 1,
      tests: [failed('math', 'expected 1 to be 2'), failed('render', 'Snapshot `render 1` mismatched'), failed('race', 'expected true to be false'), failed('db', 'connect ECONNREFUSED 127.0.0.1:5432')],
    },
  ],
  ...(classifications ? { classifications } : {}),
});

describe('ai output of classified failures', () => {
  const classified = run([verdict('db', 'environment', 0.71), verdict('math', 'regression', 0.64), verdict('race', 'flaky', 0.52), verdict('render', 'snapshot', 0.69)]);

  it('gives each failure its class and a suggestion that follows the class, valid against the schema', () => {
    const out = toAiOutput({ kind: 'run', data: classified });
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.data.failures).toContainEqual(expect.objectContaining({ id: 't.test.ts > race', classification: { class: 'flaky', confidence: 0.52, signature: 'sig-race', reason: 'reason race.' } }));
    expect(out.actionSuggestions.map((s) => [s.action, s.affectedTests, s.automation.command])).toEqual([
      ['update_snapshots', ['t.test.ts > render'], 'npx vitest run t.test.ts -u'],
      ['confirm_flaky', ['t.test.ts > race'], 'npx aqe flaky t.test.ts --confirm'],
      ['check_environment', ['t.test.ts > db'], 'npx aqe run t.test.ts'],
      ['fix_test_failures', ['t.test.ts > math'], 'npx aqe run t.test.ts'],
    ]);
    expect(JSON.stringify(toAiOutput({ kind: 'run', data: structuredClone(classified) }))).toBe(JSON.stringify(out));
  });

  it('falls back to reading the messages when no classifier ran', () => {
    const out = toAiOutput({ kind: 'run', data: run() });
    expect(out.data.failures).not.toContainEqual(expect.objectContaining({ classification: expect.anything() }));
    expect(out.actionSuggestions.map((s) => [s.action, s.affectedTests.length])).toEqual([
      ['update_snapshots', 1],
      ['fix_test_failures', 3],
    ]);
  });
});
