/**
 * What every cache backend (a `cacheBackends` capability) must do, as one suite each
 * backend's own test file runs against a real store or server:
 *
 *   describeCacheBackendContract('redis', {
 *     identity: { id: 'redis', order: 10, remote: true },
 *     make: (options) => cacheOf(options),          // a fresh, empty backend; the file's hooks close it
 *     clock: { now: Date.now, advance: sleep },     // an injected clock jumps; native expiry is waited for
 *     countsEntries: false,
 *   });
 *
 * Only behaviour the kernel relies on is here; a backend's own cases (prefixes, native
 * expiry, faults, clusters, what it writes where) stay in its files.
 */
import type { CacheBackendCapability } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';

export interface CacheBackendContract {
  /** The id, read order and remoteness it registers with. */
  identity: { id: string; order: number; remote: boolean };
  /** A fresh, empty backend, `ttlMs` its default TTL when given (each test makes its own). */
  make(options?: { ttlMs?: number }): Promise<CacheBackendCapability>;
  /** The backend's time: `advance` moves an injected clock, or waits when the backend expires entries by the wall clock. */
  clock: { now(): number; advance(ms: number): Promise<void> };
  /** stats() has `entries` (a local tier counts them; a shared one would have to list a keyspace). */
  countsEntries: boolean;
}

const bytes = (...b: number[]) => new Uint8Array(b);
const DEFAULT_TTL = 1000;

export function describeCacheBackendContract(name: string, { identity, make, clock, countsEntries }: CacheBackendContract): void {
  const entries = (n: number) => (countsEntries ? { entries: n } : {});

  describe(`cache backend contract: ${name}`, () => {
    it(`registers as ${identity.remote ? 'remote' : 'local'} tier "${identity.id}", read order ${identity.order}`, async () => {
      expect(await make()).toMatchObject(identity);
    });

    it('answers a missing key with a miss: get undefined, has false, delete false', async () => {
      const cache = await make();
      expect(await cache.get('missing')).toBeUndefined();
      expect(await cache.has('missing')).toBe(false);
      expect(await cache.delete('missing')).toBe(false);
    });

    it('round-trips bytes as a plain Uint8Array and counts hits, misses and writes', async () => {
      const cache = await make();
      expect(await cache.get('k1')).toBeUndefined();
      await cache.put('k1', bytes(1, 2, 3));
      const entry = await cache.get('k1');
      expect(entry?.value).toEqual(bytes(1, 2, 3));
      expect(entry?.value.constructor).toBe(Uint8Array);
      expect(await cache.has('k1')).toBe(true);
      expect(await cache.has('k2')).toBe(false);
      const stats = await cache.stats();
      expect(stats).toEqual({ hits: 1, misses: 1, writes: 1, errors: 0, ...entries(1) });
    });

    it('keeps every byte value, and stores a view of a larger buffer as just its own bytes', async () => {
      const cache = await make();
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await cache.put('all', all);
      await cache.put('view', bytes(9, 9, 0, 255, 10, 13, 9).subarray(2, 6));
      await cache.put('empty', new Uint8Array());
      expect((await cache.get('all'))?.value).toEqual(all);
      expect((await cache.get('view'))?.value).toEqual(bytes(0, 255, 10, 13));
      expect((await cache.get('empty'))?.value).toEqual(new Uint8Array());
    });

    it('round-trips a large value (1 MiB) uncorrupted', async () => {
      const cache = await make();
      const large = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7919) % 251);
      await cache.put('large', large);
      const got = (await cache.get('large'))?.value;
      expect(got?.byteLength).toBe(large.byteLength);
      // Not toEqual: it compares a megabyte element by element, for seconds.
      expect(Buffer.compare(got!, large)).toBe(0);
    });

    it('returns bytes the caller owns, not a view a later read or write overwrites', async () => {
      const cache = await make();
      await cache.put('a', bytes(1, 1, 1));
      await cache.put('b', bytes(2, 2, 2));
      const a = await cache.get('a');
      await cache.get('b');
      a?.value.fill(7);
      expect((await cache.get('a'))?.value).toEqual(bytes(1, 1, 1));
    });

    it('overwrites, deletes and reports whether something was there', async () => {
      const cache = await make();
      await cache.put('k', bytes(1));
      await cache.put('k', bytes(2));
      expect((await cache.get('k'))?.value).toEqual(bytes(2));
      expect(await cache.delete('k')).toBe(true);
      expect(await cache.delete('k')).toBe(false);
      expect(await cache.get('k')).toBeUndefined();
      expect(await cache.has('k')).toBe(false);
      expect(await cache.stats()).toMatchObject({ writes: 2, ...entries(0) });
    });

    // Presence is checked only on entries far from expiry, absence after the wait: a slow machine cannot flip either.
    it('expires entries after the default TTL, lets a put give its own, and says when in expiresAt', async () => {
      const cache = await make({ ttlMs: DEFAULT_TTL });
      const t0 = clock.now();
      await cache.put('default', bytes(1));
      await cache.put('short', bytes(2), { ttlMs: 50 });
      await cache.put('long', bytes(3), { ttlMs: 60_000 });
      expect(await cache.has('default')).toBe(true);
      const long = await cache.get('long');
      expect(long?.expiresAt).toBeGreaterThanOrEqual(t0 + 60_000 - 50);
      expect(long?.expiresAt).toBeLessThanOrEqual(clock.now() + 60_000 + 50);
      await clock.advance(100);
      expect(await cache.get('short')).toBeUndefined();
      expect(await cache.has('short')).toBe(false);
      await clock.advance(DEFAULT_TTL);
      expect(await cache.get('default')).toBeUndefined();
      expect(await cache.has('default')).toBe(false);
      expect((await cache.get('long'))?.value).toEqual(bytes(3));
    });

    it('rejects a value that is not bytes and a TTL that is not a positive number of ms, before writing', async () => {
      const cache = await make();
      await expect(cache.put('k', 'text' as unknown as Uint8Array)).rejects.toThrow('cache values must be a Uint8Array, received string');
      for (const ttlMs of [0, -5, Number.NaN, '1h' as unknown as number]) {
        await expect(cache.put('k', bytes(1), { ttlMs })).rejects.toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID', tier: identity.id });
      }
      expect(await cache.stats()).toMatchObject({ writes: 0, ...entries(0) });
      expect(await cache.has('k')).toBe(false);
    });

    it('prunes only expired entries, where the tier keeps them (aqe cache prune)', async (ctx) => {
      const cache = await make({ ttlMs: DEFAULT_TTL });
      if (!cache.prune) return ctx.skip('the tier expires entries itself: no prune');
      await cache.put('old', bytes(1));
      await clock.advance(DEFAULT_TTL / 2);
      await cache.put('new', bytes(2));
      await cache.put('forever', bytes(3), { ttlMs: 10_000_000 });
      await clock.advance(DEFAULT_TTL / 2 + 100);
      expect(await cache.prune()).toBe(1);
      expect((await cache.get('new'))?.value).toEqual(bytes(2));
      expect((await cache.get('forever'))?.value).toEqual(bytes(3));
      expect(await cache.stats()).toMatchObject(entries(2));
    });

    it('clears every entry and says how many (aqe cache clear)', async (ctx) => {
      const cache = await make();
      if (!cache.clear) return ctx.skip('the tier has no clear');
      for (const key of ['a', 'b', 'c']) await cache.put(key, bytes(1));
      expect(await cache.clear()).toBe(3);
      expect(await cache.get('a')).toBeUndefined();
      expect(await cache.stats()).toMatchObject(entries(0));
    });
  });
}
