import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type Kernel } from '@aqe/kernel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../../test/support/redis-server.js';
import plugin from './index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const dirs: string[] = [];
let server: RedisServer;

beforeAll(async () => {
  server = await startRedis();
});
afterAll(() => server.stop());
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function kernelWith(options: Record<string, unknown>): Promise<Kernel> {
  const cwd = mkdtempSync(join(tmpdir(), 'aqe-cache-redis-'));
  dirs.push(cwd);
  return createKernel({ cwd, config: { discoverInstalled: false }, logger: silent, plugins: [{ plugin, options }] });
}

describe('@aqe/cache-redis as a plugin', () => {
  it('registers nothing when no Redis is configured (and stays active)', async () => {
    const before = process.env.AQE_REDIS_URL;
    delete process.env.AQE_REDIS_URL;
    const kernel = await kernelWith({});
    try {
      expect(kernel.plugins()).toMatchObject([{ name: '@aqe/cache-redis', status: 'active', capabilities: [] }]);
      expect(kernel.registry.get('cacheBackends', 'redis')).toBeUndefined();
    } finally {
      await kernel.dispose();
      if (before !== undefined) process.env.AQE_REDIS_URL = before;
    }
  });

  it('registers cache backend "redis" for the configured URL and releases the connection on dispose', async () => {
    const kernel = await kernelWith({ url: server.url, prefix: 'aqe:plugin-test:' });
    expect(kernel.plugins()).toMatchObject([{ status: 'active', capabilities: [{ kind: 'cacheBackends', id: 'redis' }] }]);
    const cache = kernel.registry.get('cacheBackends', 'redis')!;
    await cache.put('key', new Uint8Array([4, 2]));
    expect((await cache.get('key'))?.value).toEqual(new Uint8Array([4, 2]));
    await kernel.dispose();
    await expect(cache.get('key')).rejects.toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE', tier: 'redis' });
  });

  it('fails setup with the option and the fix when options are wrong', async () => {
    const kernel = await kernelWith({ url: server.url, ttlMs: -1 });
    try {
      const [report] = kernel.plugins();
      expect(report?.status).toBe('failed');
      expect(report?.problems[0]?.message).toContain('options.ttlMs must be a positive number of milliseconds, received -1');
      expect(kernel.registry.get('cacheBackends', 'redis')).toBeUndefined();
    } finally {
      await kernel.dispose();
    }
  });
});
