import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeCacheBackendContract } from '../../../test/support/cache-backend-contract.js';
import { type S3Server, startS3 } from '../../../test/support/s3-server.js';
import { createS3Client } from './client.js';
import { resolveOptions } from './options.js';
import { createS3Cache, type S3Cache } from './s3-cache.js';

// Against a real S3-compatible server (s3rver); the clock is a variable so expiry needs no waiting.
let s3: S3Server;
let raw: S3Client;
let clock: number;
const caches: S3Cache[] = [];
const bytes = (...b: number[]) => new Uint8Array(b);

beforeAll(async () => {
  s3 = await startS3();
  raw = await createS3Client((await resolveOptions({}, s3.env))!, s3);
});
afterAll(async () => {
  raw.destroy();
  await s3.stop();
});
afterEach(async () => {
  for (const c of caches.splice(0)) {
    await c.clear?.();
    await c.close();
  }
});

async function cacheOf(options: Record<string, unknown> = {}, pageSize?: number): Promise<S3Cache> {
  clock = 1_000_000;
  const settings = (await resolveOptions(options, s3.env))!;
  const cache = createS3Cache({ client: await createS3Client(settings, s3), ...settings, now: () => clock, ...(pageSize ? { pageSize } : {}) });
  caches.push(cache);
  return cache;
}

async function objectKeys(): Promise<string[]> {
  const res = await raw.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (res.Contents ?? []).map((o) => o.Key!).sort();
}

describeCacheBackendContract('s3', {
  identity: { id: 's3', order: 20, remote: true },
  make: (options) => cacheOf(options),
  clock: {
    now: () => clock,
    advance: async (ms) => {
      clock += ms;
    },
  },
  countsEntries: false,
});

describe('s3 cache backend', () => {
  it('stores each entry as one object under the prefix', async () => {
    const cache = await cacheOf();
    await cache.put('k1', bytes(1));
    expect(await objectKeys()).toEqual(['aqe/k1']);
  });

  it('keeps the expiry in x-amz-meta-aqe-expires: an expired object is a miss but stays until pruned', async () => {
    const cache = await cacheOf({ ttlMs: 1000 });
    await cache.put('default', bytes(1));
    expect(await cache.get('default')).toEqual({ value: bytes(1), expiresAt: 1_001_000 });
    const head = await raw.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'aqe/default' }));
    expect(head.Metadata).toEqual({ 'aqe-expires': '1001000' });
    clock += 1000;
    expect(await cache.get('default')).toBeUndefined();
    expect(await objectKeys()).toEqual(['aqe/default']);
  });

  it('prune deletes only expired objects of its own prefix, across listing pages', async () => {
    const cache = await cacheOf({ ttlMs: 1000 }, 7);
    const other = await cacheOf({ prefix: 'other-repo/', ttlMs: 10 });
    for (let i = 0; i < 20; i++) await cache.put(`old${i}`, bytes(i));
    await other.put('x', bytes(1));
    clock += 2000;
    await cache.put('fresh', bytes(3));
    expect(await cache.prune?.()).toBe(20);
    expect(await objectKeys()).toEqual(['aqe/fresh', 'other-repo/x']);
  });

  it('clear deletes every object of its prefix, across listing pages', async () => {
    const cache = await cacheOf({ prefix: 'repo-a/' }, 10);
    const other = await cacheOf({ prefix: 'repo-b/' });
    await Promise.all(Array.from({ length: 25 }, (_, i) => cache.put(`k${i}`, bytes(i))));
    await other.put('k', bytes(1));
    expect(await cache.clear?.()).toBe(25);
    expect(await objectKeys()).toEqual(['repo-b/k']);
  });

  it('writes nothing for a put it rejects', async () => {
    const cache = await cacheOf();
    await expect(cache.put('k', bytes(1), { ttlMs: -5 })).rejects.toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 's3' });
    expect(await objectKeys()).toEqual([]);
  });
});
