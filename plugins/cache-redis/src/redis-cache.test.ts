import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeCacheBackendContract } from '../../../test/support/cache-backend-contract.js';
import { type RedisServer, startRedis } from '../../../test/support/redis-server.js';
import { createClient } from './connect.js';
import { resolveOptions } from './options.js';
import { createRedisCache, type RedisCache } from './redis-cache.js';

// Against a real redis-server on a free port; a second plain client inspects what the tier wrote.
let server: RedisServer;
let raw: Redis;
const caches: RedisCache[] = [];
const bytes = (...b: number[]) => new Uint8Array(b);

beforeAll(async () => {
  server = await startRedis();
  raw = new Redis(server.url);
});
afterAll(async () => {
  raw.disconnect();
  await server.stop();
});
afterEach(async () => {
  for (const c of caches.splice(0)) await c.close();
  await raw.flushall();
});

async function cacheOf(options: Record<string, unknown> = {}): Promise<RedisCache> {
  const settings = (await resolveOptions({ url: server.url, ...options }, {}))!;
  const cache = createRedisCache({ client: await createClient(settings), target: server.url, ...settings });
  caches.push(cache);
  return cache;
}

describeCacheBackendContract('redis', {
  identity: { id: 'redis', order: 10, remote: true },
  make: (options) => cacheOf(options),
  // Redis expires entries by its own clock: the suite waits.
  clock: { now: Date.now, advance: (ms) => new Promise((r) => setTimeout(r, ms)) },
  countsEntries: false,
});

describe('redis cache backend', () => {
  it('stores each entry as one key under the prefix', async () => {
    const cache = await cacheOf();
    await cache.put('k1', bytes(1));
    expect(await raw.keys('*')).toEqual(['aqe:k1']);
  });

  it('expires entries natively with PX: the default ttlMs, or the TTL given to put', async () => {
    const cache = await cacheOf({ ttlMs: 60_000 });
    await cache.put('default', bytes(1));
    await cache.put('given', bytes(2), { ttlMs: 30_000 });
    expect(await raw.pttl('aqe:default')).toBeGreaterThan(50_000);
    expect(await raw.pttl('aqe:given')).toBeLessThanOrEqual(30_000);
    expect(await raw.pttl('aqe:given')).toBeGreaterThan(20_000);
  });

  it('keeps teams apart by prefix: clear() removes only its own keys', async () => {
    const a = await cacheOf({ prefix: 'aqe:repo-a:' });
    const b = await cacheOf({ prefix: 'aqe:repo-b:' });
    for (let i = 0; i < 1200; i++) await a.put(`k${i}`, bytes(i % 256));
    await b.put('k0', bytes(7));
    expect(await b.get('k1')).toBeUndefined();
    expect(await a.clear?.()).toBe(1200);
    expect(await raw.keys('*')).toEqual(['aqe:repo-b:k0']);
  });

  it('treats glob characters in the prefix literally when clearing', async () => {
    const star = await cacheOf({ prefix: 'ci*:' });
    const other = await cacheOf({ prefix: 'ci-main:' });
    await star.put('k', bytes(1));
    await other.put('k', bytes(2));
    expect(await star.clear?.()).toBe(1);
    expect((await other.get('k'))?.value).toEqual(bytes(2));
  });

  it('writes nothing for a put it rejects', async () => {
    const cache = await cacheOf();
    await expect(cache.put('k', bytes(1), { ttlMs: 0 })).rejects.toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID' });
    expect(await raw.dbsize()).toBe(0);
  });
});
