import { CacheError } from '@aqe/kernel';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type RedisServer, startRedis } from '../../../test/support/redis-server.js';
import { createClient } from './connect.js';
import { redactUrl, resolveOptions } from './options.js';
import { createRedisCache, type RedisCache } from './redis-cache.js';

// Real failures of a real redis-server: killed, restarted, never started, wrong password.
// No wall-clock assertions: a call that hung would fail the test by its timeout instead.
const servers: RedisServer[] = [];
const caches: RedisCache[] = [];
const bytes = (...b: number[]) => new Uint8Array(b);

afterEach(async () => {
  for (const c of caches.splice(0)) await c.close();
  for (const s of servers.splice(0)) await s.stop();
});

async function cacheAt(url: string, timeoutMs = 500): Promise<RedisCache> {
  const settings = (await resolveOptions({ url, timeoutMs }, {}))!;
  const cache = createRedisCache({ client: await createClient(settings), target: url, ...settings });
  caches.push(cache);
  return cache;
}

async function eventually<T>(attempt: () => Promise<T>, tries = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('redis tier faults', () => {
  it('fails every call with a CacheError naming the tier when Redis is killed mid-use, and recovers after a restart', async () => {
    const server = await startRedis();
    servers.push(server);
    const cache = await cacheAt(server.url);
    await cache.put('k', bytes(1));

    await server.kill();
    for (const call of [() => cache.get('k'), () => cache.put('k', bytes(2)), () => cache.has('k'), () => cache.delete('k')]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CacheError);
      expect(error).toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE', tier: 'redis' });
      expect((error as Error).message).toContain(`cache tier "redis"`);
      expect((error as Error).message).toContain(server.url);
    }
    expect((await cache.stats()).errors).toBe(4);

    // A fresh, empty server on the same port: ioredis reconnects on its own.
    await server.restart();
    await eventually(() => cache.put('k', bytes(3)));
    expect((await cache.get('k'))?.value).toEqual(bytes(3));
  });

  it('says Redis cannot be reached, and how to fix it, when nothing listens at the URL', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const cache = await cacheAt(url);
    const error = await cache.get('k').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE', tier: 'redis' });
    expect((error as Error).message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED/);
    expect((error as Error).message).toContain('AQE_REDIS_URL');
    // Later calls fail the same way rather than waiting.
    await expect(cache.put('k', bytes(1))).rejects.toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE' });
  });

  it('reports rejected credentials with the URL form to use, and never prints the password', async () => {
    const server = await startRedis(['--requirepass', 's3cret']);
    servers.push(server);
    const wrong = `redis://:wrong@127.0.0.1:${server.port}`;
    const settings = (await resolveOptions({ url: wrong, timeoutMs: 500 }, {}))!;
    const cache = createRedisCache({ client: await createClient(settings), target: 'redis://:***@127.0.0.1', ...settings });
    caches.push(cache);
    const error = await cache.get('k').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE', tier: 'redis' });
    expect((error as Error).message).toContain('rejected the credentials (WRONGPASS');
    expect((error as Error).message).toContain('redis://user:password@host:6379');
    expect((error as Error).message).not.toContain('wrong@');

    const right = await cacheAt(`redis://:s3cret@127.0.0.1:${server.port}`);
    await right.put('k', bytes(5));
    expect((await right.get('k'))?.value).toEqual(bytes(5));
  });

  it('works with the least-privilege ACL users of docs/deployment/redis.md; a pull-request user cannot write trusted entries', async () => {
    const server = await startRedis();
    servers.push(server);
    const admin = new Redis(server.url);
    const common = ['resetchannels', '-@all', '+get', '+set', '+pttl', '+exists', '+del', '+ping', '+hello', '+auth', '+client|setname', '+info'];
    await admin.call('ACL', 'SETUSER', 'aqe-main', 'on', '>main-pw', 'resetkeys', '~aqe:web-app:*', ...common, '+scan', '+unlink');
    await admin.call('ACL', 'SETUSER', 'aqe-pr', 'on', '>pr-pw', 'resetkeys', '%R~aqe:web-app:*', '%W~aqe:web-app:pr-*', ...common);
    admin.disconnect();
    const as = async (user: string) => {
      const url = `redis://${user}@127.0.0.1:${server.port}`;
      const settings = (await resolveOptions({ url, prefix: 'aqe:web-app:', timeoutMs: 500 }, {}))!;
      const cache = createRedisCache({ client: await createClient(settings), target: redactUrl(url), ...settings });
      caches.push(cache);
      return cache;
    };
    const main = await as('aqe-main:main-pw');
    const pr = await as('aqe-pr:pr-pw');
    await main.put('trusted/k', bytes(1));
    expect((await pr.get('trusted/k'))?.value).toEqual(bytes(1));
    await pr.put('pr-7/k', bytes(2));
    const error = await pr.put('trusted/k', bytes(3)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE', tier: 'redis' });
    expect((error as Error).message).toContain('redis://aqe-pr:***@127.0.0.1');
    expect((error as Error).message).toContain('refused put to this user (NOPERM');
    expect((await main.get('trusted/k'))?.value).toEqual(bytes(1));
    expect(await main.clear?.()).toBe(2);
  });

  it('closes cleanly whether Redis is up or already gone', async () => {
    const server = await startRedis();
    servers.push(server);
    const cache = await cacheAt(server.url);
    await cache.put('k', bytes(1));
    await server.kill();
    await cache.close();
    await cache.close();
  });
});
