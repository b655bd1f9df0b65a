import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEntry } from '../cache/entry-codec.js';
import { type TestBackend, testBackend } from '../cache/test-backend.js';
import { createKernel } from '../kernel.js';
import { definePlugin } from '../plugin-host/define-plugin.js';
import { tempProject } from '../test-support/temp-project.js';
import type { RunnerCapability, TestFileResult, UserConfig } from '../types/index.js';

const cleanups: (() => unknown)[] = [];
const savedEnv = { ...process.env };
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const name of ['AQE_CACHE', 'AQE_CACHE_SECRET', 'AQE_CACHE_NAMESPACE', 'AQE_CACHE_WRITE']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

/** A runner over `*.check.js` files that records what it ran: a file fails when it or what it imports says "fail". */
function checkRunner(ran: string[]): RunnerCapability {
  return {
    id: 'check',
    detect: async (p) => (p.files.some((f) => f.endsWith('.check.js')) ? { runner: 'check', configFiles: [] } : null),
    discover: async (ctx) => ({ files: ctx.files.filter((f) => f.endsWith('.check.js')), inputs: [] }),
    version: async () => '1.0.0',
    async run(files, options) {
      const out: TestFileResult[] = [];
      for (const file of files) {
        ran.push(file);
        const source = readFileSync(`${options.root}/${file}`, 'utf8');
        const lib = /from '\.\/(.+?)'/.exec(source)?.[1];
        const failing = `${source}${lib ? readFileSync(`${options.root}/${lib}`, 'utf8') : ''}`.includes('fail');
        const status = failing ? 'failed' : 'passed';
        const result: TestFileResult = { file, runner: 'check', status, durationMs: 5, tests: [{ id: `${file} > works`, file, titlePath: ['works'], status, durationMs: 5, retries: 0 }] };
        options.onFileResult?.(result);
        out.push(result);
      }
      return { files: out, summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0 } };
    },
  };
}

const project = {
  'package.json': { name: 'p', type: 'module' },
  'a.check.js': "import { one } from './lib.js';\n",
  'b.check.js': 'export {};\n',
  'c.check.js': '// fail\n',
  'lib.js': 'export const one = 1;\n',
};

async function kernelWith(backends: TestBackend[], options: { files?: Record<string, string | object>; dir?: string; config?: UserConfig; warnings?: string[] } = {}) {
  const p = options.dir ? undefined : tempProject(options.files ?? project);
  if (p) cleanups.push(p.cleanup);
  const ran: string[] = [];
  const events: string[] = [];
  const plugin = definePlugin({
    name: 'check-and-cache',
    version: '1.0.0',
    apiVersion: '^1',
    setup(ctx) {
      ctx.runners.add(checkRunner(ran));
      for (const b of backends) ctx.cacheBackends.add(b);
      ctx.on('file:result', (e) => void events.push(`${e.file.file} ${e.file.status}`));
    },
  });
  const warnings = options.warnings ?? [];
  const logger = { debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
  const kernel = await createKernel({ cwd: options.dir ?? p!.dir, logger, plugins: [{ plugin }], config: { discoverInstalled: false, ...options.config } });
  cleanups.push(() => kernel.dispose());
  return { kernel, ran, events, warnings, dir: options.dir ?? p!.dir, write: p?.write };
}

describe('aqe run with the result cache', () => {
  it('serves passing files as cached on the next run, with their recorded tests; failures run again', async () => {
    const local = testBackend('local', 0, false);
    const first = await kernelWith([local]);
    const cold = await first.kernel.run();
    expect(first.ran).toEqual(['a.check.js', 'b.check.js', 'c.check.js']);
    expect(cold.cache).toEqual({ enabled: true, hits: 0, misses: 3, writes: 2, disabledTiers: [], rejected: 0 });
    first.ran.length = 0;
    first.events.length = 0;
    const warm = await first.kernel.run();
    expect(first.ran).toEqual(['c.check.js']);
    expect(warm.files.map((f) => `${f.file} ${f.status} ${f.tests.map((t) => t.status).join(',')}`)).toEqual(['a.check.js cached passed', 'b.check.js cached passed', 'c.check.js failed failed']);
    expect(first.events).toEqual(['a.check.js cached', 'b.check.js cached', 'c.check.js failed']);
    expect(warm.summary).toMatchObject({ files: 3, tests: 3, passed: 2, failed: 1, cached: 2 });
    expect(warm.cache).toMatchObject({ hits: 2, misses: 1, writes: 0 });
  });

  it('re-runs a file when a module it imports changes, and only that file', async () => {
    const local = testBackend('local', 0, false);
    const { kernel, ran, write } = await kernelWith([local]);
    await kernel.run();
    ran.length = 0;
    write!({ 'lib.js': 'export const one = 2;\n' });
    const result = await kernel.run();
    expect(ran).toEqual(['a.check.js', 'c.check.js']);
    expect(result.files.find((f) => f.file === 'b.check.js')?.status).toBe('cached');
  });

  it('serves a second clone from a shared remote tier it has never run in', async () => {
    const shared = testBackend('remote', 10, true);
    const one = await kernelWith([testBackend('local', 0, false), shared]);
    await one.kernel.run();
    const two = await kernelWith([testBackend('local', 0, false), shared]);
    const result = await two.kernel.run();
    expect(two.ran).toEqual(['c.check.js']);
    expect(result.cache).toMatchObject({ hits: 2, misses: 1 });
  });

  it.each([
    ['cache: false', { cache: false }, {}, undefined],
    ['AQE_CACHE=off', {}, { AQE_CACHE: 'off' }, undefined],
    ['config cache.enabled false', {}, {}, { cache: { enabled: false } }],
  ])('bypasses the cache with %s', async (_name, runOptions, env, config) => {
    const local = testBackend('local', 0, false);
    const { kernel, ran } = await kernelWith([local], config ? { config } : {});
    await kernel.run();
    Object.assign(process.env, env);
    ran.length = 0;
    const result = await kernel.run(runOptions);
    expect(ran).toHaveLength(3);
    expect(result.cache).toEqual({ enabled: false, hits: 0, misses: 0, writes: 0, disabledTiers: [], rejected: 0 });
  });

  it('goes on without a failing tier, with one warning, and reports it', async () => {
    const remote = testBackend('remote', 10, true);
    remote.mode = 'fail';
    const warnings: string[] = [];
    const { kernel, ran } = await kernelWith([testBackend('local', 0, false), remote], { warnings });
    const result = await kernel.run();
    expect(ran).toHaveLength(3);
    expect(result.cache?.disabledTiers).toEqual([{ id: 'remote', reason: 'get failed: remote is down' }]);
    expect(warnings.filter((w) => w.includes('"remote"'))).toHaveLength(1);
    expect(result.cache?.writes).toBe(2);
  });

  it('never trusts an entry whose signature does not verify: it is counted, reported, and the file runs', async () => {
    process.env.AQE_CACHE_SECRET = 'right';
    process.env.AQE_CACHE_NAMESPACE = 'ns';
    const remote = testBackend('remote', 10, true);
    const first = await kernelWith([remote]);
    await first.kernel.run();
    // An attacker replaces every entry with one that says the file passed, signed with another secret.
    for (const [key, entry] of remote.entries) {
      const k = key.slice('ns/'.length);
      const forged: TestFileResult = { file: 'x', runner: 'check', status: 'passed', durationMs: 0, tests: [] };
      remote.entries.set(key, { ...entry, value: encodeEntry({ key: k, runner: 'check', file: 'x', result: forged, createdAt: 0 }, 'wrong') });
    }
    const warnings: string[] = [];
    const second = await kernelWith([remote], { warnings });
    const result = await second.kernel.run();
    expect(second.ran).toHaveLength(3);
    expect(result.cache).toMatchObject({ hits: 0, rejected: 2 });
    expect(warnings.some((w) => w.includes('signature does not verify'))).toBe(true);
  });

  it('keeps results of a run filtered by test name apart from full runs', async () => {
    const { kernel, ran } = await kernelWith([testBackend('local', 0, false)]);
    await kernel.run();
    ran.length = 0;
    await kernel.run({ testNamePattern: 'works' });
    expect(ran).toHaveLength(3);
  });

  it('counts cached files as free when splitting shards', async () => {
    const { kernel } = await kernelWith([testBackend('local', 0, false)], { files: { ...project, 'd.check.js': 'export {};\n' } });
    await kernel.run();
    const shards = [await kernel.run({ shard: { index: 1, count: 2 } }), await kernel.run({ shard: { index: 2, count: 2 } })];
    // The failing file is the only one with a cost: one shard runs it, the other only serves cached files.
    expect(shards.map((s) => s.files.filter((f) => f.status !== 'cached').map((f) => f.file))).toContainEqual(['c.check.js']);
    expect(shards.flatMap((s) => s.files.map((f) => f.file)).sort()).toEqual(['a.check.js', 'b.check.js', 'c.check.js', 'd.check.js']);
  });
});
