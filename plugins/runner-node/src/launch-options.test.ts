import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchOptions, runOptions } from './launch-options.js';

describe('runOptions', () => {
  it('keeps what shapes the run and drops what aqe sets or what changes the run', () => {
    const options = [
      '--import',
      'tsx',
      '--test',
      '--test-reporter',
      'spec',
      '--test-reporter-destination=stdout',
      '--watch',
      '--experimental-test-coverage',
      '--test-concurrency=2',
      '--test-name-pattern',
      'x',
      '--inspect-brk',
      '-r',
      './setup.cjs',
    ];
    expect(runOptions(options, false)).toEqual(['--import', 'tsx', '--test-concurrency=2', '--test-name-pattern', 'x', '-r', './setup.cjs']);
    expect(runOptions(options, true)).toEqual(['--import', 'tsx', '--test-concurrency=2', '-r', './setup.cjs']);
    // Node 22.8+: aqe needs a process per file, and a run never rewrites snapshots.
    expect(runOptions(['--test-isolation', 'none', '--experimental-test-isolation=none', '--test-update-snapshots', '--test'], false)).toEqual([]);
  });
});

describe('launchOptions', () => {
  it('takes the test script, else the first node --test script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aqe-launch-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { 'test:unit': 'node --test-timeout=100 --test', test: 'TZ=UTC node --import tsx --test' } }));
      expect(launchOptions(dir)).toMatchObject({ nodeOptions: ['--import', 'tsx', '--test'], env: { TZ: 'UTC' }, script: 'test', packageJson: { scripts: { test: 'TZ=UTC node --import tsx --test' } } });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { unit: 'node --test-timeout=100 --test' } }));
      expect(launchOptions(dir)).toMatchObject({ nodeOptions: ['--test-timeout=100', '--test'], script: 'unit' });
      writeFileSync(join(dir, 'package.json'), '{');
      expect(launchOptions(dir)).toEqual({ nodeOptions: [], env: {} });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
