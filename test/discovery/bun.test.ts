import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKernel, type DiscoverReport } from '@aqe/kernel';
import bunPlugin, { bunRunner } from '@aqe/runner-bun';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../support/scratch-dirs.js';

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(repoRoot, 'test/fixtures');
const bunBin = join(repoRoot, 'node_modules/.bin/bun');

const tempDir = scratchDirs('aqe-bun-');

/** The files the real `bun test` ran, from its JUnit report (paths relative to the project), sorted. */
async function bunTestFiles(dir: string): Promise<string[]> {
  const report = join(tempDir('aqe-bun-junit-'), 'junit.xml');
  await execFileAsync(bunBin, ['test', '--reporter=junit', `--reporter-outfile=${report}`], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  const xml = readFileSync(report, 'utf8');
  const files = [...xml.matchAll(/<testsuite\b[^>]*\bfile="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  return [...new Set(files)].sort();
}

async function bunRejects(dir: string): Promise<boolean> {
  return bunTestFiles(dir).then(
    () => false,
    () => true,
  );
}

async function discover(dir: string, store = tempDir('aqe-bun-store-')): Promise<DiscoverReport['runners'][number] | undefined> {
  const kernel = await createKernel({ cwd: dir, plugins: [{ plugin: bunPlugin }], storeDir: store, config: { discoverInstalled: false } });
  try {
    return (await kernel.discover()).runners.find((r) => r.runner === 'bun');
  } finally {
    await kernel.dispose();
  }
}

function scratchProject(files: Record<string, string>): string {
  const dir = tempDir('aqe-bun-');
  for (const [path, content] of Object.entries({ 'package.json': '{ "name": "scratch", "scripts": { "test": "bun test" } }', ...files })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const TEST = 'import { expect, test } from "bun:test";\n\ntest("adds", () => {\n  expect(1 + 1).toBe(2);\n});\n';

describe('runner-bun discovery agrees with the files `bun test` runs', () => {
  it.each(['bun-basic', 'bun-root'])('%s', async (name) => {
    const dir = join(fixtures, name);
    const expected = await bunTestFiles(dir);
    expect(expected.length).toBeGreaterThan(0);
    const entry = await discover(dir);
    expect(entry?.error).toBeUndefined();
    expect(entry?.files).toEqual(expected);
  });

  it('re-scans when bunfig.toml changes', async () => {
    const dir = scratchProject({});
    cpSync(join(fixtures, 'bun-root'), dir, { recursive: true });
    const store = tempDir('aqe-bun-store-');
    const before = await discover(dir, store);
    expect((await discover(dir, store))?.cached).toBe(true);
    writeFileSync(join(dir, 'bunfig.toml'), '[test]\nroot = "src"\n');
    const after = await discover(dir, store);
    expect(after?.cached).toBe(false);
    expect(after?.files).toEqual(await bunTestFiles(dir));
    expect(after?.files).not.toEqual(before?.files);
  });
});

describe('runner-bun config errors', () => {
  it.each([
    ['TOML that does not parse', '[test\nroot = "tests"\n'],
    ['a test root that does not exist', '[test]\nroot = "missing"\n'],
  ])('%s is AQE_RUNNER_CONFIG_FAILED naming bunfig.toml', async (_what, bunfig) => {
    const dir = scratchProject({ 'bunfig.toml': bunfig, 'tests/a.test.ts': TEST });
    expect(await bunRejects(dir)).toBe(true);
    const entry = await discover(dir);
    expect(entry?.files).toEqual([]);
    expect(entry?.error?.code).toBe('AQE_RUNNER_CONFIG_FAILED');
    expect(entry?.error?.message).toContain('bunfig.toml');
  });
});

describe('runner-bun detection', () => {
  it('returns null without a Bun lockfile, bunfig, types or `bun test` script', async () => {
    const project = { root: tempDir('aqe-bun-none-'), files: ['package.json', 'a.test.ts'], packageJson: { name: 'x', scripts: { test: 'bun run build && vitest', bundle: 'bunx tsup' }, devDependencies: { 'bun-plugin-x': '1' } } };
    expect(await bunRunner.detect(project)).toBeNull();
    expect(await discover(join(fixtures, 'jest-basic'))).toBeUndefined();
  });

  it.each([
    ['bunfig.toml', {}, ['bunfig.toml'], ['bunfig.toml']],
    ['bun.lock', {}, ['bun.lock'], []],
    ['bun.lockb', {}, ['bun.lockb'], []],
    ['@types/bun', { devDependencies: { '@types/bun': 'latest' } }, [], []],
    ['bun-types', { devDependencies: { 'bun-types': 'latest' } }, [], []],
    ['a `bun test` script', { scripts: { 'test:unit': 'bun test --coverage' } }, [], []],
  ])('finds bun test through %s', async (_how, packageJson, extraFiles, configFiles) => {
    const detection = await bunRunner.detect({ root: repoRoot, files: ['package.json', ...extraFiles], packageJson });
    expect(detection).toMatchObject({ runner: 'bun', configFiles });
    expect(detection?.version).toMatch(/^1\./);
  });
});
