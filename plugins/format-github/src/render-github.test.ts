import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '@aqe/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderGithub } from './render-github.js';

const run: RunResult = {
  files: [
    {
      file: 'src/math.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 31,
      tests: [
        {
          id: 'src/math.test.ts > math > adds',
          file: 'src/math.test.ts',
          titlePath: ['math', 'adds'],
          location: { line: 5, column: 3 },
          status: 'failed',
          durationMs: 3,
          retries: 0,
          error: { message: 'expected 3 to be 4 // Object.is equality', expected: '4', actual: '3', location: { file: 'src/math.test.ts', line: 7, column: 17 } },
        },
        { id: 'src/math.test.ts > math > subtracts', file: 'src/math.test.ts', titlePath: ['math', 'subtracts'], status: 'passed', durationMs: 1, retries: 0 },
        { id: 'src/math.test.ts > math > divides', file: 'src/math.test.ts', titlePath: ['math', 'divides'], status: 'skipped', durationMs: 0, retries: 0 },
        { id: 'src/math.test.ts > math > rounds', file: 'src/math.test.ts', titlePath: ['math', 'rounds'], status: 'todo', durationMs: 0, retries: 0 },
        {
          id: 'src/math.test.ts > math, more > 100% sure: yes',
          file: 'src/math.test.ts',
          titlePath: ['math, more', '100% sure: yes'],
          location: { line: 14, column: 3 },
          status: 'failed',
          durationMs: 1,
          retries: 0,
          error: { message: 'boom\r\nsecond line', diff: '- Expected\n+ Received\n\n- a\n+ b\n' },
        },
      ],
    },
    { file: 'src/broken.test.ts', runner: 'vitest', status: 'failed', durationMs: 4, tests: [], error: { message: "SyntaxError: Unexpected token '}'", location: { file: 'src/broken.test.ts', line: 3, column: 1 } } },
    { file: 'src/crash.test.ts', runner: 'node', status: 'failed', durationMs: 4, tests: [], error: { message: 'node exited with code 134' } },
  ],
  summary: { files: 3, tests: 5, passed: 1, failed: 2, skipped: 1, todo: 1, durationMs: 1534 },
};

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aqe-format-github-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'packages/app'), { recursive: true });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('renderGithub', () => {
  it('annotates failing lines and file errors, then prints a summary', () => {
    expect(renderGithub(run, root).split('\n')).toEqual([
      "::error file=src/broken.test.ts,line=3,col=1,title=error outside any test (the file failed to load%2C or its runner crashed)::SyntaxError: Unexpected token '}'",
      '::error file=src/crash.test.ts,title=error outside any test (the file failed to load%2C or its runner crashed)::node exited with code 134',
      '::error file=src/math.test.ts,line=7,col=17,title=math > adds::expected 3 to be 4 // Object.is equality%0A%0AExpected: 4%0AReceived: 3',
      '::error file=src/math.test.ts,line=14,col=3,title=math%2C more > 100%25 sure%3A yes::boom%0D%0Asecond line%0A%0A- Expected%0A+ Received%0A%0A- a%0A+ b',
      'aqe: 2 failed, 1 passed, 1 skipped, 1 todo (5 tests); 3 files, 2 with an error outside tests',
      '',
    ]);
  });

  it('writes paths from the repository root when the project is a folder of it', () => {
    const out = renderGithub(run, join(root, 'packages/app'));
    expect(out).toContain('::error file=packages/app/src/math.test.ts,line=7,col=17,title=math > adds::');
    expect(out).toContain('::error file=packages/app/src/broken.test.ts,line=3,');
  });

  it('makes an absolute location relative to the project', () => {
    const abs: RunResult = structuredClone(run);
    abs.files[0]!.tests[0]!.error!.location!.file = join(root, 'src/math.test.ts');
    expect(renderGithub(abs, root)).toContain('::error file=src/math.test.ts,line=7,col=17,title=math > adds::');
  });

  it('annotates a quarantined failure as a warning', () => {
    const quarantined: RunResult = structuredClone(run);
    quarantined.files[0]!.tests[0]!.quarantined = true;
    expect(renderGithub(quarantined, root)).toContain('::warning file=src/math.test.ts,line=7,col=17,title=math > adds (quarantined)::expected 3 to be 4');
  });

  it('prints only the summary when nothing failed', () => {
    expect(renderGithub({ files: [], summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 1 } }, root)).toBe('aqe: 0 failed, 0 passed, 0 skipped, 0 todo (0 tests); 0 files\n');
  });

  it('is byte-identical whatever order the files arrived in', () => {
    expect(renderGithub({ ...run, files: [...run.files].reverse() }, root)).toBe(renderGithub(run, root));
  });
});
