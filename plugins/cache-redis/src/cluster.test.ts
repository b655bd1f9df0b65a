import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisCluster, startRedisCluster } from '../../../test/support/redis-server.js';
import { createClient } from './connect.js';
import { resolveOptions } from './options.js';
import { createRedisCache, type RedisCache } from './redis-cache.js';

// A real three-master Redis Cluster (redis-server --cluster-enabled + redis-cli --cluster create).
let cluster: RedisCluster;
let cache: RedisCache;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  const settings = (await resolveOptions({ url: cluster.urls }, {}))!;
  expect(settings.cluster).toBe(true);
  cache = createRedisCache({ client: await createClient(settings), target: cluster.urls.join(','), ...settings });
});
afterAll(async () => {
  await cache?.close();
  await cluster?.stop();
});

describe('redis tier on a Redis Cluster', () => {
  it('spreads entries over the masters, reads them back, and clears them on every node', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `file-${i}`);
    for (const [i, key] of keys.entries()) await cache.put(key, new Uint8Array([i]));
    for (const [i, key] of keys.entries()) expect((await cache.get(key))?.value).toEqual(new Uint8Array([i]));
    const perNode = await Promise.all(
      cluster.urls.map(async (url) => {
        const node = new Redis(url);
        const n = await node.dbsize();
        node.disconnect();
        return n;
      }),
    );
    expect(perNode.every((n) => n > 0)).toBe(true);
    expect(perNode.reduce((a, b) => a + b)).toBe(60);
    expect(await cache.has('file-0')).toBe(true);
    expect(await cache.delete('file-0')).toBe(true);
    expect(await cache.clear?.()).toBe(59);
    expect(await cache.get('file-1')).toBeUndefined();
  });
});
