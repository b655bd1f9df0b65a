import { describe, expect, it } from 'vitest';
import type { TestFileResult } from '../types/results.js';
import { boundOutput } from './bound-output.js';

const file = (text: string): TestFileResult => ({
  file: 'a.test.js',
  runner: 'jest',
  status: 'failed',
  durationMs: 1,
  output: [{ stream: 'stdout', text: 'module scope\n' }],
  tests: [{ id: 'a.test.js > t', file: 'a.test.js', titlePath: ['t'], status: 'failed', durationMs: 1, retries: 0, output: [{ stream: 'stdout', text }] }],
});

describe('boundOutput', () => {
  it('keeps what a test printed, up to its end, saying how much was left out', () => {
    const out = boundOutput(file(`${'x'.repeat(20_000)}the end\n`), false);
    const printed = out.tests[0]!.output!;
    expect(printed[0]).toEqual({ stream: 'stderr', text: expect.stringMatching(/^\[aqe: \d+ earlier characters of output left out\]/) });
    expect(printed.at(-1)!.text.endsWith('the end\n')).toBe(true);
    expect(printed.slice(1).reduce((n, c) => n + c.text.length, 0)).toBe(16 * 1024);
    expect(out.output).toEqual([{ stream: 'stdout', text: 'module scope\n' }]);
  });

  it('drops every output with --silent', () => {
    const out = boundOutput(file('hello\n'), true);
    expect(out.output).toBeUndefined();
    expect(out.tests[0]!.output).toBeUndefined();
  });
});
