import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptConfigFile, testScriptArgs } from './script-args.js';

const withTest = (test: string, other: Record<string, string> = {}) => ({ scripts: { ...other, test } });

describe('testScriptArgs', () => {
  it.each<[string, string[]]>([
    ['vitest run --config config/unit.ts', ['--config', 'config/unit.ts']],
    ['vitest -c=x.mjs --silent', ['-c=x.mjs', '--silent']],
    ['cross-env TZ=UTC vitest --root packages/a', ['--root', 'packages/a']],
    ['tsc -b && vitest run', []],
    ['jest --config x', []],
  ])('%s → %j', (script, args) => {
    expect(testScriptArgs(withTest(script))).toEqual(args);
  });

  it('follows npm run to the script the test script runs, and reads no other script', () => {
    expect(testScriptArgs(withTest('npm run unit', { unit: 'vitest -c unit.ts', e2e: 'vitest -c e2e.ts' }))).toEqual(['-c', 'unit.ts']);
    expect(testScriptArgs({ scripts: { e2e: 'vitest -c e2e.ts' } })).toEqual([]);
  });
});

describe('scriptConfigFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'aqe-vitest-script-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'packages/a'), { recursive: true });
  writeFileSync(join(root, 'packages/a/vitest.config.ts'), '');

  it.each<[string[], string | undefined]>([
    [['--config', 'config/unit.ts'], 'config/unit.ts'],
    [['-c=./x.mjs'], 'x.mjs'],
    // --config is relative to --root, as Vitest resolves it; --root alone: the config Vitest finds there.
    [['--root', 'packages/a', '--config', 'v.ts'], 'packages/a/v.ts'],
    [['-r', 'packages/a'], 'packages/a/vitest.config.ts'],
    [['--silent'], undefined],
  ])('%j → %s', (args, file) => {
    expect(scriptConfigFile(root, args)).toBe(file);
  });
});
