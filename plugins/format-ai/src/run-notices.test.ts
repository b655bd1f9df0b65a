import type { RunResult } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { toAiOutput } from './ai-output.js';

describe('notices in the ai run output', () => {
  it('are warnings with the code AQE_RUN_NOTICE, once each', () => {
    const data: RunResult = {
      files: [{ file: 'a.test.js', runner: 'jest', status: 'passed', durationMs: 1, tests: [{ id: 'a.test.js > t', file: 'a.test.js', titlePath: ['t'], status: 'passed', durationMs: 1, retries: 0 }] }],
      summary: { files: 1, tests: 1, passed: 1, failed: 0, skipped: 0, todo: 0, durationMs: 3 },
      notices: ['bun is not installed: jest ran all 1 file(s) instead of bun', 'bun is not installed: jest ran all 1 file(s) instead of bun'],
    };
    const out = toAiOutput({ kind: 'run', data });
    expect(out.warnings).toEqual([{ code: 'AQE_RUN_NOTICE', message: 'bun is not installed: jest ran all 1 file(s) instead of bun' }]);
    expect(out.status).toBe('success');
  });
});
