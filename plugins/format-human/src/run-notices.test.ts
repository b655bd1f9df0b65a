import type { RunResult } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { paletteFor } from './palette.js';
import { renderRun } from './render-run.js';

const run = (notices?: string[]): RunResult => ({
  files: [{ file: 'a.test.js', runner: 'jest', status: 'passed', durationMs: 1, tests: [] }],
  summary: { files: 1, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 3 },
  ...(notices ? { notices } : {}),
});

describe('notices in the human run output', () => {
  it('prints each notice once, before the summary', () => {
    const lines = renderRun(run(['bun is not installed: jest ran all 1 file(s) instead of bun', 'bun is not installed: jest ran all 1 file(s) instead of bun']), paletteFor(false), '/nowhere');
    expect(lines.slice(0, 2)).toEqual(['NOTE bun is not installed: jest ran all 1 file(s) instead of bun', '']);
    expect(lines.filter((l) => l.startsWith('NOTE'))).toHaveLength(1);
  });

  it('prints nothing extra without notices', () => {
    expect(renderRun(run(), paletteFor(false), '/nowhere').some((l) => l.startsWith('NOTE'))).toBe(false);
  });
});
