import { describe, expect, it } from 'vitest';
import { oneFailure } from './classify-failure.js';

describe('aqe_classify_failure input as a run', () => {
  it('puts a failure with a title path in a failed test', () => {
    const run = oneFailure({ file: 'src/a.test.ts', titlePath: ['math', 'adds'], message: 'expected 2 to be 3', stack: 'Error\n    at src/a.test.ts:3:5' });
    expect(run.summary).toMatchObject({ files: 1, tests: 1, failed: 1 });
    expect(run.files[0]!.tests).toEqual([
      { id: 'src/a.test.ts > math > adds', file: 'src/a.test.ts', titlePath: ['math', 'adds'], status: 'failed', durationMs: 0, retries: 0, error: { message: 'expected 2 to be 3', stack: 'Error\n    at src/a.test.ts:3:5' } },
    ]);
  });

  it('puts a failure without a title path on the file, as a load error', () => {
    const run = oneFailure({ file: 'src/a.test.ts', message: 'Cannot find module ./b' });
    expect(run.files[0]).toMatchObject({ file: 'src/a.test.ts', status: 'failed', tests: [], error: { message: 'Cannot find module ./b' } });
    expect(run.summary).toMatchObject({ tests: 0, failed: 0 });
  });
});
