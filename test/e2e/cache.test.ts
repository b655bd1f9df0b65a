import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheCommandReport, RunResult } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonData, repoRoot, Sandbox } from './support/aqe.js';

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8')));

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

const statuses = (r: RunResult) => Object.fromEntries(r.files.map((f) => [f.file, f.status]));
const run = async (cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => {
  const result = await sandbox.run(['run', '--format', 'json', ...args], cwd, env);
  expect(result.code, result.stderr).toBe(0);
  return jsonData<RunResult>(result, 'run');
};

describe('aqe run with the local result cache', () => {
  it('serves every unchanged passing file as cached, with its recorded tests', async () => {
    const cwd = await sandbox.project('cache-deep');
    const cold = await run(cwd);
    expect(Object.values(statuses(cold))).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(cold.cache).toEqual({ enabled: true, hits: 0, misses: 4, writes: 4, disabledTiers: [], rejected: 0 });
    const warm = await run(cwd);
    expect(statuses(warm)).toEqual({ 'test/deep.test.js': 'cached', 'test/mid.test.js': 'cached', 'test/other.test.js': 'cached', 'test/plain.test.js': 'cached' });
    expect(warm.summary).toMatchObject({ files: 4, tests: cold.summary.tests, passed: cold.summary.passed, skipped: cold.summary.skipped, cached: 4 });
    expect(warm.files.find((f) => f.file === 'test/plain.test.js')?.tests.map((t) => `${t.titlePath.join(' > ')}: ${t.status}`)).toEqual(['plain > adds: passed', 'plain > skipped stays skipped when cached: skipped']);
    expect(warm.cache).toMatchObject({ hits: 4, misses: 0, writes: 0 });
  });

  it('re-runs exactly the tests that reach a file changed three imports deep', async () => {
    const cwd = await sandbox.project('cache-deep');
    await run(cwd);
    writeFileSync(join(cwd, 'src/c.js'), 'export const factor = 2; // reviewed\n');
    const after = await run(cwd);
    expect(statuses(after)).toEqual({ 'test/deep.test.js': 'passed', 'test/mid.test.js': 'passed', 'test/other.test.js': 'cached', 'test/plain.test.js': 'cached' });
  });

  it('always re-runs a failing file', async () => {
    const cwd = await sandbox.project('cache-deep');
    writeFileSync(join(cwd, 'src/c.js'), 'export const factor = 3;\n');
    for (let i = 0; i < 2; i++) {
      const result = await sandbox.run(['run', '--format', 'json'], cwd);
      expect(result.code).toBe(1);
      expect(statuses(jsonData<RunResult>(result, 'run'))).toMatchObject({ 'test/deep.test.js': 'failed', 'test/mid.test.js': 'failed', 'test/other.test.js': i === 0 ? 'passed' : 'cached' });
    }
  });

  it.each([
    ['--no-cache', ['--no-cache'], {}],
    ['AQE_CACHE=off', [], { AQE_CACHE: 'off' }],
  ])('runs everything and writes nothing with %s', async (_name, args, env) => {
    const cwd = await sandbox.project('cache-deep');
    await run(cwd);
    const bypassed = await run(cwd, args, env);
    expect(Object.values(statuses(bypassed))).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(bypassed.cache).toMatchObject({ enabled: false, hits: 0, writes: 0 });
  });

  it('prints cached files as cached in the human summary', async () => {
    const cwd = await sandbox.project('cache-deep');
    await run(cwd);
    const human = await sandbox.run(['run', '--format', 'human'], cwd);
    expect(human.stdout).toContain('4 cached (4)');
  });
});

describe('aqe cache', () => {
  it('explains a key: the test file and everything it imports, sorted, deterministic', async () => {
    const cwd = await sandbox.project('cache-deep');
    const first = await sandbox.run(['cache', 'explain', 'test/deep.test.js', '--json'], cwd);
    expect(first.code, first.stderr).toBe(0);
    const explained = jsonData<Extract<CacheCommandReport, { command: 'explain' }>>(first, 'cache');
    expect(explained).toMatchObject({ command: 'explain', file: 'test/deep.test.js', runner: 'node', key: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(explained.inputs.filter((i) => i.kind === 'file').map((i) => i.name)).toEqual(['src/a.js', 'src/b.js', 'src/c.js', 'test/deep.test.js']);
    expect((await sandbox.run(['cache', 'explain', 'test/deep.test.js', '--json'], cwd)).stdout).toBe(first.stdout);
    const human = await sandbox.run(['cache', 'explain', 'test/deep.test.js'], cwd);
    expect(human.stdout).toContain(`key ${explained.key}`);
  });

  it('refuses to explain a file that is not a test file, with exit code 2', async () => {
    const cwd = await sandbox.project('cache-deep');
    const result = await sandbox.run(['cache', 'explain', 'src/a.js'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('src/a.js is not a test file of any runner');
  });

  it('shows tier stats and namespaces, and warms the cache so the next run is all cached', async () => {
    const cwd = await sandbox.project('cache-deep');
    const warm = await sandbox.run(['cache', 'warm', '--format', 'json'], cwd, { AQE_CACHE_NAMESPACE: 'dev-1' });
    expect(warm.code, warm.stderr).toBe(0);
    expect(jsonData(warm, 'cache')).toMatchObject({ command: 'warm', files: 4, ran: 4, cached: 0, failed: 0, cache: { writes: 4 } });
    const stats = await sandbox.run(['cache', 'stats', '--format', 'json'], cwd, { AQE_CACHE_NAMESPACE: 'dev-1' });
    expect(jsonData(stats, 'cache')).toMatchObject({ command: 'stats', namespaces: { read: ['dev-1', 'trusted'], write: 'dev-1' }, tiers: [{ id: 'lmdb', order: 0, remote: false, stats: { entries: 4 } }] });
    const next = await run(cwd, [], { AQE_CACHE_NAMESPACE: 'dev-1' });
    expect(next.summary.cached).toBe(4);
  });

  it('gives schema-valid ai output', async () => {
    const cwd = await sandbox.project('cache-deep');
    await run(cwd);
    for (const args of [['stats'], ['explain', 'test/mid.test.js'], ['prune']]) {
      const out = JSON.parse((await sandbox.run(['cache', ...args, '--format', 'ai'], cwd)).stdout);
      expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
      expect(out).toMatchObject({ outputType: 'cache_report', status: 'success', data: { command: args[0] } });
    }
  });

  it('rejects a namespace that would write the trusted one, with exit code 2', async () => {
    const cwd = await sandbox.project('cache-deep');
    const result = await sandbox.run(['run'], cwd, { AQE_CACHE_NAMESPACE: 'trusted' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AQE_CACHE_WRITE=trusted');
  });
});
