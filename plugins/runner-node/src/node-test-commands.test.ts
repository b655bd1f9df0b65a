import { describe, expect, it } from 'vitest';
import { findNodeTestCommands } from './node-test-commands.js';

// [script, expected args (text, quoted) or null when it is not a `node --test`, stripTypes]
const cases: [string, [string, boolean][] | null, boolean?][] = [
  ['node --test', []],
  ['node --test --test-reporter=spec', []],
  ['node --test-reporter spec --test', []],
  ['node --import tsx --test src/a.test.ts', [['src/a.test.ts', false]]],
  ['NODE_ENV=test node --test test/', [['test/', false]]],
  ['c8 node --test', []],
  ['tsc -b && node --test dist/test', [['dist/test', false]]],
  [
    'node --test "test/**/*.test.js" lib/*.test.js',
    [
      ['test/**/*.test.js', true],
      ['lib/*.test.js', false],
    ],
  ],
  ["node --test 'a b.test.js'", [['a b.test.js', true]]],
  ['node --test -- -odd-name.test.js', [['-odd-name.test.js', false]]],
  ['node --experimental-strip-types --test', [], true],
  ['node --no-experimental-strip-types --test', [], false],
  ['/usr/local/bin/node --test', []],
  ['node index.js --test', null],
  ['node --test-only index.js', null],
  ['vitest run', null],
  ['echo done; node --test; echo again', []],
];

describe('findNodeTestCommands', () => {
  it.each(cases)('%s', (script, args, stripTypes) => {
    const found = findNodeTestCommands({ scripts: { test: script } });
    if (args === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found.map(({ options: _, env: __, ...rest }) => rest)).toEqual([{ script: 'test', args: args.map(([text, quoted]) => ({ text, quoted })), ...(stripTypes === undefined ? {} : { stripTypes }) }]);
  });

  it('keeps the Node options and the environment assignments for run', () => {
    const [found] = findNodeTestCommands({ scripts: { test: 'cross-env TZ=UTC NODE_ENV=test node --import tsx --test-timeout=5000 --test src/a.test.ts' } });
    expect(found?.options).toEqual(['--import', 'tsx', '--test-timeout=5000', '--test']);
    expect(found?.env).toEqual({ TZ: 'UTC', NODE_ENV: 'test' });
    const [plain] = findNodeTestCommands({ scripts: { test: 'node --test -- x.test.js' } });
    expect(plain?.options).toEqual(['--test']);
    expect(plain?.env).toEqual({});
  });

  it('collects every script, the test script first, and ignores non-string entries', () => {
    const found = findNodeTestCommands({ scripts: { build: 'tsc', 'test:unit': 'node --test test/unit', test: 'node --test', odd: 42 } });
    expect(found.map((c) => c.script)).toEqual(['test', 'test:unit']);
  });

  it('follows the test script to the script it runs, whose command then comes first', () => {
    const found = findNodeTestCommands({ scripts: { other: 'node --test o', test: 'npm run test:node', 'test:node': 'node --test-timeout=100 --test t' } });
    expect(found.map((c) => [c.script, c.options])).toEqual([
      ['test:node', ['--test-timeout=100', '--test']],
      ['other', ['--test']],
    ]);
  });

  it('reads nothing from missing or malformed scripts', () => {
    expect(findNodeTestCommands(undefined)).toEqual([]);
    expect(findNodeTestCommands({ scripts: 'node --test' })).toEqual([]);
  });
});
