import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

describe('redis cache backend', () => {
  it('is the order-10 remote tier "redis"', async () => {
    expect(await cacheOf()).toMatchObject({ id: 'redis', order: 10, remote: true });
  });

  it('round-trips bytes under the prefix and counts hits, misses and writes', async () => {
    const cache = await cacheOf();
    expect(await cache.get('k1')).toBeUndefined();
    const value = new Uint8Array(1024).map((_, i) => i % 251);
    await cache.put('k1', value);
    const entry = await cache.get('k1');
    expect(entry?.value).toEqual(value);
    expect(entry?.value.constructor).toBe(Uint8Array);
    expect(await cache.has('k1')).toBe(true);
    expect(await cache.has('k2')).toBe(false);
    expect(await raw.keys('*')).toEqual(['aqe:k1']);
    expect(await cache.stats()).toEqual({ hits: 1, misses: 1, writes: 1, errors: 0 });
  });

  it('stores a view of a larger buffer as just its own bytes', async () => {
    const cache = await cacheOf();
    const big = bytes(9, 9, 1, 2, 3, 9);
    await cache.put('view', big.subarray(2, 5));
    expect((await cache.get('view'))?.value).toEqual(bytes(1, 2, 3));
  });

  it('expires entries natively with PX: default ttlMs, or the TTL given to put', async () => {
    const cache = await cacheOf({ ttlMs: 60_000 });
    await cache.put('default', bytes(1));
    await cache.put('short', bytes(2), { ttlMs: 40 });
    const pttl = await raw.pttl('aqe:default');
    expect(pttl).toBeGreaterThan(50_000);
    expect((await cache.get('default'))?.expiresAt).toBeGreaterThan(Date.now() + 50_000);
    await new Promise((r) => setTimeout(r, 80));
    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.has('short')).toBe(false);
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

  it('deletes and reports whether something was there', async () => {
    const cache = await cacheOf();
    await cache.put('k', bytes(1));
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.delete('k')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('rejects bad values and TTLs before writing', async () => {
    const cache = await cacheOf();
    await expect(cache.put('k', 'text' as unknown as Uint8Array)).rejects.toThrow('cache values must be a Uint8Array, received string');
    await expect(cache.put('k', bytes(1), { ttlMs: 0 })).rejects.toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID' });
    expect(await raw.dbsize()).toBe(0);
  });
});
