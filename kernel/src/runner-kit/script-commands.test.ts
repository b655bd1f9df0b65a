import { describe, expect, it } from 'vitest';
import { scriptCommands, scriptInvocations } from './script-commands.js';

const jest = (word: string) => word === 'jest';
const argv = (scripts: Record<string, unknown>) => scriptCommands({ scripts }, jest);

describe('scriptCommands', () => {
  it.each<[string, string[][]]>([
    ['jest --config scripts/jest/jest.config.js', [['--config', 'scripts/jest/jest.config.js']]],
    ['FOO=1 jest -c x', [['-c', 'x']]],
    ['cross-env NODE_ENV=test jest --ci', [['--ci']]],
    ['npx jest', [[]]],
    ['pnpm exec jest --runInBand', [['--runInBand']]],
    ['yarn jest a', [['a']]],
    ['./node_modules/.bin/jest "a b"', [['a b']]],
    [
      'tsc -b && jest --config x; echo done || jest -c y',
      [
        ['--config', 'x'],
        ['-c', 'y'],
      ],
    ],
    ['vitest run', []],
    ['node scripts/run-jest.js', []],
  ])('%s', (script, expected) => {
    expect(argv({ test: script })).toEqual(expected);
  });

  it('reads the test script first, then the others in order, each once', () => {
    expect(argv({ lint: 'eslint .', 'test:ci': 'jest --ci', test: 'jest -c a' })).toEqual([['-c', 'a'], ['--ci']]);
  });

  it.each(['npm run unit', 'npm run-script unit', 'pnpm unit', 'pnpm run unit', 'yarn unit', 'yarn run unit', 'bun run unit', 'cross-env CI=1 npm run -s unit'])(
    'follows %s to the script it names, before that script comes up in order',
    (test) => {
      expect(argv({ other: 'jest --other', unit: 'jest -c unit.js', test })).toEqual([['-c', 'unit.js'], ['--other']]);
    },
  );

  it('appends the words after -- to the last command of the followed script, as npm does', () => {
    expect(argv({ test: 'npm run unit -- --config x', unit: 'jest --ci && jest --ci' })).toEqual([['--ci'], ['--ci', '--config', 'x']]);
    expect(argv({ test: 'npm test', 'test:watch': 'npm test -- --watch' })).toEqual([]);
  });

  it('does not take a command for a script, nor bun test for the test script', () => {
    expect(argv({ test: 'yarn jest -c x' })).toEqual([['-c', 'x']]);
    expect(scriptCommands({ scripts: { test: 'bun test ./src', other: 'bun run test' } }, (w) => w === 'bun')).toEqual([['test', './src']]);
  });

  it('reads only the scripts named in from, and what they run', () => {
    const scripts = { 'test:e2e': 'jest -c e2e.js', unit: 'jest -c unit.js', test: 'npm run unit' };
    expect(scriptCommands({ scripts }, jest, { from: ['test'] })).toEqual([['-c', 'unit.js']]);
    expect(scriptCommands({ scripts: { 'test:e2e': 'jest -c e2e.js' } }, jest, { from: ['test'] })).toEqual([]);
  });

  it('survives scripts that name each other in a cycle', () => {
    expect(argv({ test: 'npm run a', a: 'npm run b', b: 'npm test && jest' })).toEqual([[]]);
  });

  it('reads nothing from a package without scripts, and skips non-string ones', () => {
    expect(scriptCommands(undefined, jest)).toEqual([]);
    expect(scriptCommands({ scripts: 'jest' }, jest)).toEqual([]);
    expect(argv({ test: 42, unit: 'jest' })).toEqual([[]]);
  });
});

describe('scriptInvocations', () => {
  it('keeps the script, the quoting and the environment of each invocation', () => {
    const [found] = scriptInvocations({ scripts: { test: 'npm run unit', unit: 'cross-env TZ=UTC CI=1 node --test "t/*.js" t/*.mjs' } }, (w) => w === 'node');
    expect(found).toEqual({
      script: 'unit',
      args: [
        { text: '--test', quoted: false },
        { text: 't/*.js', quoted: true },
        { text: 't/*.mjs', quoted: false },
      ],
      env: { TZ: 'UTC', CI: '1' },
    });
  });
});
