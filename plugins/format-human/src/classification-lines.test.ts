import type { FailureClassification, RunResult, TestCase } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { renderHuman } from './render-human.js';

const failed = (title: string, message: string): TestCase => ({ id: `t.test.ts > ${title}`, file: 't.test.ts', titlePath: [title], status: 'failed', durationMs: 1, retries: 0, error: { message } });
const verdict = (title: string, cls: FailureClassification['class'], reason: string): FailureClassification => ({
  testId: `t.test.ts > ${title}`,
  file: 't.test.ts',
  class: cls,
  confidence: 0.71,
  signature: '0123456789abcdef',
  reason,
  action: 'x',
});

const run: RunResult = {
  summary: { files: 1, tests: 2, passed: 0, failed: 2, skipped: 0, todo: 0, durationMs: 1 },
  files: [{ file: 't.test.ts', runner: 'vitest', status: 'failed', durationMs: 1, tests: [failed('db', 'connect ECONNREFUSED 127.0.0.1:5432'), failed('render', 'Snapshot `render 1` mismatched')] }],
  classifications: [verdict('db', 'environment', 'A network resource was unreachable.'), verdict('render', 'snapshot', 'The output no longer matches its stored snapshot.')],
};

describe('human output of classified failures', () => {
  it('shows the class, its reason and the next step under each failure', () => {
    const lines = renderHuman({ kind: 'run', data: run }, { interactive: false, cwd: '/nowhere' }).split('\n');
    const db = lines.indexOf('  ✗ db');
    expect(lines.slice(db, db + 5)).toEqual([
      '  ✗ db',
      '    connect ECONNREFUSED 127.0.0.1:5432',
      '',
      '    class environment (71% confident) A network resource was unreachable.',
      '    next  check the service, port, binary or time limit it names, then: npx aqe run t.test.ts',
    ]);
    expect(lines).toContain('    next  if the new output is intended: npx vitest run t.test.ts -u');
  });

  it('shows nothing extra when no classifier ran', () => {
    const text = renderHuman({ kind: 'run', data: { ...run, classifications: undefined } as RunResult }, { interactive: false, cwd: '/nowhere' });
    expect(text).not.toMatch(/^\s+(class|next) /m);
  });
});
