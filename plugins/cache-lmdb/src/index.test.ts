import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type Kernel } from '@aqe/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from './index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const dirs: string[] = [];
const kernels: Kernel[] = [];

async function kernelWith(options: Record<string, unknown>): Promise<Kernel> {
  const cwd = mkdtempSync(join(tmpdir(), 'aqe-cache-plugin-'));
  dirs.push(cwd);
  const kernel = await createKernel({ cwd, config: { discoverInstalled: false }, logger: silent, plugins: [{ plugin, options }] });
  kernels.push(kernel);
  return kernel;
}

afterEach(async () => {
  for (const k of kernels.splice(0)) await k.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('@aqe/cache-lmdb as a plugin', () => {
  it('registers cache backend "lmdb" over the store\'s results database', async () => {
    const kernel = await kernelWith({ ttlMs: 60_000 });
    expect(kernel.plugins()).toMatchObject([{ name: '@aqe/cache-lmdb', status: 'active', capabilities: [{ kind: 'cacheBackends', id: 'lmdb' }] }]);
    const cache = kernel.registry.get('cacheBackends', 'lmdb')!;
    await cache.put('key', new Uint8Array([9]));
    const entry = await cache.get('key');
    expect(entry?.value).toEqual(new Uint8Array([9]));
    expect(entry?.expiresAt).toBeGreaterThan(Date.now());
    expect(kernel.store.db('results').count()).toBe(1);
  });

  it('fails setup with the option path when options are wrong', async () => {
    const kernel = await kernelWith({ ttlMs: -1 });
    const [report] = kernel.plugins();
    expect(report?.status).toBe('failed');
    expect(report?.problems[0]).toMatchObject({ code: 'AQE_PLUGIN_SETUP_FAILED' });
    expect(report?.problems[0]?.message).toContain('options.ttlMs must be a positive number of milliseconds, received -1');
    expect(kernel.registry.get('cacheBackends', 'lmdb')).toBeUndefined();
  });
});
