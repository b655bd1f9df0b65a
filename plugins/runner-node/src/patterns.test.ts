import { matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGlobDefaultTest, isLegacyDefaultTest, JS_EXTENSIONS, TS_EXTENSIONS } from './patterns.js';

// Node 20's walk, cases checked against `node --test` on Node 20: [path, walk started in a test dir, runs]
const legacy: [string, boolean, boolean][] = [
  ['a.test.js', false, true],
  ['lib/a-test.mjs', false, true],
  ['lib/a_test.cjs', false, true],
  ['test-a.js', false, true],
  ['src/test.js', false, true],
  ['test/helper.js', false, true],
  ['a/test/b/c.cjs', false, true],
  ['.hidden/a.test.js', false, true],
  ['test/.eslintrc.cjs', false, true],
  ['helper.js', true, true],
  ['a.spec.js', false, false],
  ['a.test.ts', false, false],
  ['test/data.json', false, false],
  ['lib/-test.js', false, false],
  ['lib/.test.js', false, false],
  ['lib/test-.js', false, false],
  ['lib/contest.js', false, false],
  ['lib/TEST.js', false, false],
];

const paths = [
  'a.test.js',
  'a.test.mjs',
  'a-test.cjs',
  'a_test.js',
  '-test.js',
  'test-.js',
  'test-a.js',
  'test.js',
  'src/test.mjs',
  'test/a.js',
  'test/deep/b.cjs',
  'x/test/c.js',
  'test/.hidden.js',
  '.hidden/a.test.js',
  'a/.b/test/c.js',
  'a.test.ts',
  'test/a.mts',
  'test-x.cts',
  'a.spec.js',
  'contest.js',
  'test/data.json',
  'test',
  'test/js',
];

describe('Node 20 default test files', () => {
  it.each(legacy)('%s (under test dir: %s) runs: %s', (path, underTestDir, runs) => {
    expect(isLegacyDefaultTest(path, underTestDir)).toBe(runs);
  });
});

describe('Node 21+ default test files equal Node’s own glob of its default pattern', () => {
  it.each([
    ['JavaScript', JS_EXTENSIONS],
    ['with type stripping', [...JS_EXTENSIONS, ...TS_EXTENSIONS]],
  ])('%s', (_name, extensions) => {
    const pattern = `**/{test,test/**/*,test-*,*[._-]test}.{${extensions.join(',')}}`;
    for (const path of paths) expect([path, isGlobDefaultTest(path, extensions)]).toEqual([path, matchesGlob(path, pattern)]);
  });
});
