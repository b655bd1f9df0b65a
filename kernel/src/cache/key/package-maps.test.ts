import { describe, expect, it } from 'vitest';
import { mapTargets } from './package-maps.js';

describe('mapTargets', () => {
  it.each([
    ['a string is the "." export', './index.js', '.', ['./index.js']],
    ['conditions at the top level', { import: './a.mjs', require: './a.cjs' }, '.', ['./a.mjs', './a.cjs']],
    ['every condition of a subpath, nested', { './x': { node: { import: './x.mjs', require: './x.cjs' }, default: './x.js' } }, './x', ['./x.mjs', './x.cjs', './x.js']],
    ['an exact key before a pattern', { './*': './src/*.ts', './special': './special.ts' }, './special', ['./special.ts']],
    ['the longest pattern prefix wins', { './*': './src/*.ts', './utils/*': './src/utils/*.ts' }, './utils/a', ['./src/utils/a.ts']],
    ['a pattern with a suffix', { './*.js': './src/*.ts' }, './deep/a.js', ['./src/deep/a.ts']],
    ['an unexported subpath', { '.': './index.js' }, './other', []],
    ['imports maps', { '#db': { development: './src/db.ts', default: './dist/db.js' } }, '#db', ['./src/db.ts', './dist/db.js']],
    ['null targets (excluded subpaths)', { './*': './src/*.js', './private/*': null }, './private/x', []],
  ])('%s', (_what, map, subpath, expected) => {
    expect(mapTargets(map, subpath)).toEqual(expected);
  });
});
