import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globFiles } from './glob-files.js';
import { indexFs } from './index-fs.js';

// globFiles over the index must find exactly what Vitest's own call (tinyglobby on the disk) finds.
const files = [
  '.hidden/dot.test.ts',
  'e2e/flow.test.ts',
  'e2e/deep/nested.test.ts',
  'packages/a/src/a.test.ts',
  'packages/a/src/a.ts',
  'packages/a/skip/old.test.ts',
  'packages/shared/util.test.ts',
  'src/button.spec.tsx',
  'src/math.test.ts',
  'src/math.ts',
  'tests/root.test.mjs',
];

// [name, cwd relative to the root, include, exclude]
const cases: [string, string, string[], string[]][] = [
  ['Vitest defaults', '', ['**/*.{test,spec}.?(c|m)[jt]s?(x)'], ['**/node_modules/**', '**/.git/**']],
  ['an exclude naming a directory prunes it', '', ['**/*.test.ts'], ['e2e']],
  ['an exclude one level down prunes deeper directories too', '', ['**/*.test.ts'], ['e2e/*']],
  ['an exclude naming the crawl root itself does not apply', '', ['src/**/*.test.ts'], ['src']],
  ['negated include patterns exclude', '', ['**/*.test.ts', '!**/skip/**'], []],
  ['./ prefixes and trailing slashes', '', ['./tests/**'], ['./e2e/']],
  ['patterns climbing out of the cwd', 'packages/a', ['src/**/*.test.ts', '../shared/**/*.test.ts'], []],
  ['a cwd below the root sees only its subtree', 'packages', ['**/*.test.ts'], ['**/skip/**']],
  ['a missing cwd finds nothing', 'nope', ['**/*.test.ts'], []],
  ['no include finds nothing', '', [], []],
];

describe('globFiles over the file index', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aqe-vitest-glob-'));
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '');
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(cases)('%s', (_name, cwd, include, exclude) => {
    const dir = join(root, cwd);
    const onDisk = globSync(include, { cwd: dir, ignore: exclude, dot: true, expandDirectories: false }).map((file) => relative(root, join(dir, file)));
    const fromIndex = globFiles(indexFs(root, files), dir, include, exclude).map((file) => relative(root, file));
    expect(fromIndex.sort()).toEqual(onDisk.sort());
  });

  it('takes absolute patterns as Vitest passes them through', () => {
    const include = [`${root}/src/**/*.test.ts`];
    expect(globFiles(indexFs(root, files), root, include, []).map((file) => relative(root, file))).toEqual(['src/math.test.ts']);
  });
});
