import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCacheBackendContract } from '../../../test/support/cache-backend-contract.js';
import { createLmdbCache, type ResultRecord } from './lmdb-cache.js';

// Against a real LMDB store in a temp dir; the clock is a variable so expiry needs no waiting.
let dir: string;
let store: Store;
let clock: number;
const now = () => clock;
const bytes = (...b: number[]) => new Uint8Array(b);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aqe-cache-lmdb-'));
  store = await openStore({ path: join(dir, 'store') });
  clock = 1_000_000;
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const cacheOf = (ttlMs?: number) => createLmdbCache({ db: store.db<ResultRecord>('results'), now, ...(ttlMs === undefined ? {} : { ttlMs }) });

describeCacheBackendContract('lmdb', {
  identity: { id: 'lmdb', order: 0, remote: false },
  make: async (options) => cacheOf(options?.ttlMs),
  clock: {
    now,
    advance: async (ms) => {
      clock += ms;
    },
  },
  countsEntries: true,
});

describe('lmdb cache backend', () => {
  it('keeps entries in the store across reopen (it is the persistent local tier)', async () => {
    await cacheOf().put('k', bytes(7));
    await store.close();
    store = await openStore({ path: join(dir, 'store') });
    expect((await cacheOf().get('k'))?.value).toEqual(bytes(7));
  });

  it('removes an expired entry from the store when get() or has() meets it', async () => {
    const cache = cacheOf(1000);
    await cache.put('a', bytes(1));
    await cache.put('b', bytes(2));
    clock += 1000;
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.has('b')).toBe(false);
    await store.flushed();
    expect(store.db('results').get('a')).toBeUndefined();
    expect(store.db('results').get('b')).toBeUndefined();
    expect(await cache.stats()).toEqual({ entries: 0, hits: 0, misses: 1, writes: 2, errors: 0 });
  });

  it('never expires entries when no TTL is configured', async () => {
    const cache = cacheOf();
    await cache.put('k', bytes(1));
    clock += 10 * 365 * 24 * 3600 * 1000;
    expect(await cache.get('k')).toEqual({ value: bytes(1) });
  });

  it('treats a record of another shape as a miss and removes it', async () => {
    await store.db('results').put('odd', { value: 'not bytes' });
    const cache = cacheOf();
    expect(await cache.get('odd')).toBeUndefined();
    await store.flushed();
    expect(store.db('results').get('odd')).toBeUndefined();
  });

  it('rejects a default TTL that is not a positive number of ms when created', () => {
    expect(() => cacheOf(0)).toThrow('ttlMs must be a positive number');
    expect(() => cacheOf(0)).toThrow(expect.objectContaining({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 'lmdb' }));
  });

  it('counts store failures as errors and rethrows them; stats() still answers', async () => {
    const cache = cacheOf();
    await cache.put('k', bytes(1));
    await store.close();
    await expect(cache.put('k', bytes(2))).rejects.toThrow();
    await expect(cache.get('k')).rejects.toThrow();
    expect(await cache.stats()).toEqual({ hits: 0, misses: 0, writes: 1, errors: 3 });
    store = await openStore({ path: join(dir, 'store') });
  });
});
