import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { RunResult } from '@aqe/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHuman } from './render-human.js';

// A project on disk, so code frames have sources to read.
const mathTest = `import { describe, expect, it } from 'vitest';
import { add, user } from './math.js';

describe('math', () => {
  it('adds', () => {
    const sum = add(1, 2);
\texpect(sum).toBe(4);
  });

  it('builds a user', () => {
    expect(user('Ada')).toEqual({ name: 'Ada', age: 37 });
  });

  it.skip('subtracts', () => {});
  it.todo('divides');
});
`;

const expectedUser = 'Object {\n  "age": 37,\n  "name": "Ada",\n  "roles": Array [\n    "admin",\n  ],\n  "team": "core",\n  "zone": "eu",\n}';
const actualUser = expectedUser.replace('"age": 37', '"age": 36');

const run: RunResult = {
  files: [
    { file: 'src/broken.test.ts', runner: 'vitest', status: 'failed', durationMs: 4, tests: [], error: { message: "SyntaxError: Unexpected token '}'", location: { file: 'src/broken.test.ts', line: 3, column: 1 } } },
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
          error: { message: 'expected 3 to be 4 // Object.is equality', expected: '4', actual: '3', location: { file: 'src/math.test.ts', line: 7, column: 14 } },
        },
        {
          id: 'src/math.test.ts > math > builds a user',
          file: 'src/math.test.ts',
          titlePath: ['math', 'builds a user'],
          location: { line: 10, column: 3 },
          status: 'failed',
          durationMs: 2,
          retries: 2,
          error: { message: "expected { name: 'Ada', age: 36, …(3) } to deeply equal { name: 'Ada', age: 37, …(3) }", expected: expectedUser, actual: actualUser, location: { file: 'src/math.test.ts', line: 11, column: 25 } },
        },
        { id: 'src/math.test.ts > math > subtracts', file: 'src/math.test.ts', titlePath: ['math', 'subtracts'], status: 'skipped', durationMs: 0, retries: 0 },
        { id: 'src/math.test.ts > math > divides', file: 'src/math.test.ts', titlePath: ['math', 'divides'], status: 'todo', durationMs: 0, retries: 0 },
      ],
    },
    {
      file: 'src/moved.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 5,
      tests: [
        {
          id: 'src/moved.test.ts > reads config',
          file: 'src/moved.test.ts',
          titlePath: ['reads config'],
          status: 'failed',
          durationMs: 1,
          retries: 0,
          error: {
            message: 'Error: ENOENT: no such file',
            stack: 'Error: ENOENT: no such file\n    at readConfig (/p/src/config.ts:4:9)\n    at /p/node_modules/vitest/dist/runner.js:1:1\n    at src/moved.test.ts:3:3',
            diff: '- Expected\n+ Received\n\n- "a"\n+ "b"',
            location: { file: 'src/moved.test.ts', line: 3, column: 3 },
          },
        },
      ],
    },
    { file: 'src/ok.test.ts', runner: 'vitest', status: 'passed', durationMs: 2, tests: [{ id: 'src/ok.test.ts > ok', file: 'src/ok.test.ts', titlePath: ['ok'], status: 'passed', durationMs: 1, retries: 0 }] },
  ],
  summary: { files: 4, tests: 6, passed: 1, failed: 3, skipped: 1, todo: 1, durationMs: 1534 },
};

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'aqe-format-human-'));
  mkdirSync(join(cwd, 'src'));
  writeFileSync(join(cwd, 'src/math.test.ts'), mathTest);
  writeFileSync(join(cwd, 'src/broken.test.ts'), "import { it } from 'vitest';\nit('x', () => {\n}}\n");
  // src/moved.test.ts is missing: its failure has no code frame.
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('human run output', () => {
  it('groups failures by file with code frames, diffs and a summary', () => {
    expect(renderHuman({ kind: 'run', data: run }, { interactive: false, cwd }).split('\n')).toEqual([
      'FAIL src/broken.test.ts',
      '  ✗ error outside any test (the file failed to load, or its runner crashed)',
      "    SyntaxError: Unexpected token '}'",
      '    at src/broken.test.ts:3:1',
      '',
      "      1 | import { it } from 'vitest';",
      "      2 | it('x', () => {",
      '    > 3 | }}',
      '        | ^',
      '      4 |',
      '',
      'FAIL src/math.test.ts',
      '  ✗ math > adds',
      '    expected 3 to be 4 // Object.is equality',
      '    at src/math.test.ts:7:14',
      '',
      "      5 |   it('adds', () => {",
      '      6 |     const sum = add(1, 2);',
      '    > 7 | \texpect(sum).toBe(4);',
      '        | \t            ^',
      '      8 |   });',
      '      9 |',
      '',
      '    - Expected',
      '    + Received',
      '',
      '    - 4',
      '    + 3',
      '',
      '  ✗ math > builds a user (after 2 retries)',
      "    expected { name: 'Ada', age: 36, …(3) } to deeply equal { name: 'Ada', age: 37, …(3) }",
      '    at src/math.test.ts:11:25',
      '',
      '       9 |',
      "      10 |   it('builds a user', () => {",
      "    > 11 |     expect(user('Ada')).toEqual({ name: 'Ada', age: 37 });",
      '         |                         ^',
      '      12 |   });',
      '      13 |',
      '',
      '    - Expected',
      '    + Received',
      '',
      '      Object {',
      '    -   "age": 37,',
      '    +   "age": 36,',
      '        "name": "Ada",',
      '        "roles": Array [',
      '          "admin",',
      '      ...',
      '',
      'FAIL src/moved.test.ts',
      '  ✗ reads config',
      '    Error: ENOENT: no such file',
      '    at src/moved.test.ts:3:3',
      '',
      '    - Expected',
      '    + Received',
      '',
      '    - "a"',
      '    + "b"',
      '',
      ' Files  3 failed | 1 passed (4)',
      ' Tests  3 failed | 1 passed | 1 skipped | 1 todo (6)',
      '  Time  1.53 s',
      '',
    ]);
  });

  it('shows the first stack frames outside node_modules when there is no location', () => {
    const noLocation: RunResult = structuredClone(run);
    delete noLocation.files[2]!.tests[0]!.error!.location;
    const text = renderHuman({ kind: 'run', data: noLocation }, { interactive: false, cwd });
    expect(text).toContain('    Error: ENOENT: no such file\n    at readConfig (/p/src/config.ts:4:9)\n    at src/moved.test.ts:3:3\n\n    - Expected');
    expect(text).not.toContain('node_modules');
  });

  it('leaves out the frame when the location is past the end of the file', () => {
    const stale: RunResult = structuredClone(run);
    stale.files[1]!.tests[0]!.error!.location = { file: 'src/math.test.ts', line: 400, column: 1 };
    const text = renderHuman({ kind: 'run', data: stale }, { interactive: false, cwd });
    expect(text).toContain('    at src/math.test.ts:400:1\n\n    - Expected');
  });

  it('says when expected and actual look the same', () => {
    const same: RunResult = structuredClone(run);
    Object.assign(same.files[1]!.tests[0]!.error!, { expected: '{}', actual: '{}' });
    expect(renderHuman({ kind: 'run', data: same }, { interactive: false, cwd })).toContain('    Compared values have no visual difference.');
  });

  it('names the runner of each failing file when the run mixed runners', () => {
    const mixed: RunResult = structuredClone(run);
    mixed.files[0]!.runner = 'jest';
    const text = renderHuman({ kind: 'run', data: mixed }, { interactive: false, cwd });
    expect(text).toContain('FAIL src/broken.test.ts (jest)\n');
    expect(text).toContain('FAIL src/math.test.ts (vitest)\n');
  });

  it('colours only when interactive, with the same text underneath', () => {
    const coloured = renderHuman({ kind: 'run', data: run }, { interactive: true, cwd });
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).toBe(renderHuman({ kind: 'run', data: run }, { interactive: false, cwd }));
  });
});

describe('console output of a failing test', () => {
  it('is shown under its error, stderr marked, and not for passing tests', () => {
    const printed: RunResult = {
      files: [
        {
          file: 'b.test.js',
          runner: 'jest',
          status: 'failed',
          durationMs: 1,
          tests: [
            {
              id: 'b.test.js > fails',
              file: 'b.test.js',
              titlePath: ['fails'],
              status: 'failed',
              durationMs: 1,
              retries: 0,
              error: { message: 'boom' },
              output: [
                { stream: 'stdout', text: 'fetched 3 rows\n' },
                { stream: 'stderr', text: 'retrying\n' },
              ],
            },
            { id: 'b.test.js > passes', file: 'b.test.js', titlePath: ['passes'], status: 'passed', durationMs: 1, retries: 0, output: [{ stream: 'stdout', text: 'quiet please\n' }] },
          ],
        },
      ],
      summary: { files: 1, tests: 2, passed: 1, failed: 1, skipped: 0, todo: 0, durationMs: 1 },
    };
    const text = stripVTControlCharacters(renderHuman({ kind: 'run', data: printed }, { interactive: false, cwd: tmpdir() }));
    expect(text).toContain('console output:\n    │ fetched 3 rows\n    │ retrying');
    expect(text).not.toContain('quiet please');
  });
});
