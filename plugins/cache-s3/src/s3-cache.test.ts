import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

describe('s3 cache backend', () => {
  it('is the order-20 remote tier "s3"', async () => {
    expect(await cacheOf()).toMatchObject({ id: 's3', order: 20, remote: true });
  });

  it('round-trips bytes as one object under the prefix, uncorrupted, and counts hits and misses', async () => {
    const cache = await cacheOf();
    expect(await cache.get('k1')).toBeUndefined();
    const value = new Uint8Array(64 * 1024).map((_, i) => i % 251);
    await cache.put('k1', value);
    const entry = await cache.get('k1');
    expect(entry?.value).toEqual(value);
    expect(entry?.value.constructor).toBe(Uint8Array);
    expect(await cache.has('k1')).toBe(true);
    expect(await cache.has('k2')).toBe(false);
    expect(await objectKeys()).toEqual(['aqe/k1']);
    expect(await cache.stats()).toEqual({ hits: 1, misses: 1, writes: 1, errors: 0 });
  });

  it('stores a view of a larger buffer as just its own bytes', async () => {
    const cache = await cacheOf();
    await cache.put('view', bytes(9, 9, 1, 2, 3, 9).subarray(2, 5));
    expect((await cache.get('view'))?.value).toEqual(bytes(1, 2, 3));
  });

  it('keeps the expiry in x-amz-meta-aqe-expires and treats an expired object as a miss', async () => {
    const cache = await cacheOf({ ttlMs: 1000 });
    await cache.put('default', bytes(1));
    await cache.put('long', bytes(2), { ttlMs: 5000 });
    expect(await cache.get('default')).toEqual({ value: bytes(1), expiresAt: 1_001_000 });
    clock += 1000;
    expect(await cache.get('default')).toBeUndefined();
    expect(await cache.has('default')).toBe(false);
    expect((await cache.get('long'))?.value).toEqual(bytes(2));
    expect(await objectKeys()).toEqual(['aqe/default', 'aqe/long']);
  });

  it('prune deletes only expired objects of its own prefix', async () => {
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
    await expect(cache.put('k', bytes(1), { ttlMs: -5 })).rejects.toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 's3' });
    expect(await objectKeys()).toEqual([]);
  });
});
