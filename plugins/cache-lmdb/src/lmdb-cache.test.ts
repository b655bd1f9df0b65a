import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('lmdb cache backend', () => {
  it('round-trips bytes and counts hits, misses and writes', async () => {
    const cache = cacheOf();
    expect(await cache.get('k1')).toBeUndefined();
    await cache.put('k1', bytes(1, 2, 3));
    const entry = await cache.get('k1');
    expect(entry).toEqual({ value: bytes(1, 2, 3) });
    expect(entry?.value).toBeInstanceOf(Uint8Array);
    expect(await cache.has('k1')).toBe(true);
    expect(await cache.has('k2')).toBe(false);
    expect(await cache.stats()).toEqual({ entries: 1, hits: 1, misses: 1, writes: 1, errors: 0 });
  });

  it('returns bytes the caller owns, not a view a later read overwrites', async () => {
    const cache = cacheOf();
    await cache.put('a', bytes(1, 1, 1));
    await cache.put('b', bytes(2, 2, 2));
    const a = await cache.get('a');
    await cache.get('b');
    expect(a?.value).toEqual(bytes(1, 1, 1));
  });

  it('overwrites and deletes', async () => {
    const cache = cacheOf();
    await cache.put('k', bytes(1));
    await cache.put('k', bytes(2));
    expect((await cache.get('k'))?.value).toEqual(bytes(2));
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.delete('k')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
    expect((await cache.stats()).entries).toBe(0);
  });

  it('keeps entries in the store across reopen (it is the persistent local tier)', async () => {
    await cacheOf().put('k', bytes(7));
    await store.close();
    store = await openStore({ path: join(dir, 'store') });
    expect((await cacheOf().get('k'))?.value).toEqual(bytes(7));
  });

  it('expires entries after the default ttlMs: a miss, and the entry is removed', async () => {
    const cache = cacheOf(1000);
    await cache.put('k', bytes(1));
    expect(await cache.get('k')).toEqual({ value: bytes(1), expiresAt: 1_001_000 });
    clock += 999;
    expect(await cache.has('k')).toBe(true);
    clock += 1;
    expect(await cache.get('k')).toBeUndefined();
    await store.flushed();
    expect(store.db('results').get('k')).toBeUndefined();
    expect(await cache.stats()).toEqual({ entries: 0, hits: 1, misses: 1, writes: 1, errors: 0 });
  });

  it('lets put override the default TTL, and has() drops expired entries too', async () => {
    const cache = cacheOf(1000);
    await cache.put('short', bytes(1), { ttlMs: 10 });
    await cache.put('long', bytes(2), { ttlMs: 5000 });
    clock += 2000;
    expect(await cache.has('short')).toBe(false);
    expect(await cache.has('long')).toBe(true);
    await store.flushed();
    expect((await cache.stats()).entries).toBe(1);
  });

  it('prune removes only expired entries; clear removes every entry (aqe cache prune|clear)', async () => {
    const cache = cacheOf(1000);
    await cache.put('old', bytes(1));
    clock += 500;
    await cache.put('new', bytes(2));
    await cache.put('forever', bytes(3), { ttlMs: 10_000_000 });
    clock += 600;
    expect(await cache.prune?.()).toBe(1);
    expect((await cache.stats()).entries).toBe(2);
    expect(await cache.get('new')).toEqual({ value: bytes(2), expiresAt: 1_001_500 });
    expect(await cache.clear?.()).toBe(2);
    expect(await cache.stats()).toMatchObject({ entries: 0 });
    expect(await cache.get('forever')).toBeUndefined();
  });

  it('never expires entries when no TTL is configured', async () => {
    const cache = cacheOf();
    await cache.put('k', bytes(1));
    clock += 10 * 365 * 24 * 3600 * 1000;
    expect((await cache.get('k'))?.value).toEqual(bytes(1));
  });

  it('treats a record of another shape as a miss and removes it', async () => {
    await store.db('results').put('odd', { value: 'not bytes' });
    const cache = cacheOf();
    expect(await cache.get('odd')).toBeUndefined();
    await store.flushed();
    expect(store.db('results').get('odd')).toBeUndefined();
  });

  it('rejects bad values and TTLs before writing', async () => {
    const cache = cacheOf();
    await expect(cache.put('k', 'text' as unknown as Uint8Array)).rejects.toThrow('cache values must be a Uint8Array, received string');
    await expect(cache.put('k', bytes(1), { ttlMs: -5 })).rejects.toThrow('put options.ttlMs must be a positive number of milliseconds, received -5');
    expect(() => cacheOf(0)).toThrow('ttlMs must be a positive number');
    expect((await cache.stats()).writes).toBe(0);
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
