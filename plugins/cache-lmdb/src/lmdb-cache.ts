import type { CacheBackendCapability, CacheBackendStats, CacheEntry, StoreDatabase } from '@aqe/kernel';
import { checkPut, checkTtl } from '@aqe/kernel/cache';

/** What one cache entry looks like in the store's `results` database. */
export interface ResultRecord {
  value: Uint8Array;
  /** Milliseconds since epoch; absent for an entry that never expires. */
  expiresAt?: number;
}

export interface LmdbCacheOptions {
  db: StoreDatabase<ResultRecord>;
  /** Default TTL for put() calls that give none. */
  ttlMs?: number;
  /** The clock; injectable so expiry is testable without waiting. */
  now?: () => number;
}

/**
 * The local cache tier over one store database. Reads are synchronous LMDB lookups
 * (memory-mapped), so a get costs microseconds. Store failures are counted in
 * `errors` and rethrown: the kernel's tiered cache decides whether to go on without
 * this tier.
 */
export function createLmdbCache({ db, ttlMs, now = Date.now }: LmdbCacheOptions): CacheBackendCapability {
  const defaultTtl = ttlMs === undefined ? undefined : checkTtl('lmdb', ttlMs, 'ttlMs');
  const counters: Omit<CacheBackendStats, 'entries'> = { hits: 0, misses: 0, writes: 0, errors: 0 };

  const counted = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      counters.errors++;
      throw error;
    }
  };

  /** A live record, or undefined; an expired or malformed one is removed in the background. */
  const read = (key: string): ResultRecord | undefined => {
    const record = counted(() => db.get(key));
    if (record === undefined) return undefined;
    if (isUsable(record, now())) return record;
    discard(key);
    return undefined;
  };

  // Not awaited: a miss must not wait for a write transaction. A failure only counts.
  const discard = (key: string) => {
    try {
      db.remove(key).catch(() => counters.errors++);
    } catch {
      counters.errors++;
    }
  };

  return {
    id: 'lmdb',
    order: 0,
    remote: false,
    description: 'Local result cache in the project store (LMDB)',
    async get(key): Promise<CacheEntry | undefined> {
      const record = read(key);
      if (!record) {
        counters.misses++;
        return undefined;
      }
      counters.hits++;
      // A copy: the caller owns its bytes and never aliases a buffer the store may reuse.
      return { value: new Uint8Array(record.value), ...(record.expiresAt === undefined ? {} : { expiresAt: record.expiresAt }) };
    },
    async put(key, value, options) {
      const ttl = checkPut('lmdb', value, options) ?? defaultTtl;
      const record: ResultRecord = ttl === undefined ? { value } : { value, expiresAt: now() + ttl };
      try {
        await db.put(key, record);
      } catch (error) {
        counters.errors++;
        throw error;
      }
      counters.writes++;
    },
    async has(key) {
      return read(key) !== undefined;
    },
    async delete(key) {
      try {
        return await db.remove(key);
      } catch (error) {
        counters.errors++;
        throw error;
      }
    },
    async prune() {
      const at = now();
      const stale = counted(() => [...db.range()].filter(({ value }) => !isUsable(value, at)).map(({ key }) => key));
      for (const key of stale) await counted(() => db.remove(key));
      return stale.length;
    },
    async clear() {
      const entries = counted(() => db.count());
      await counted(() => db.clear());
      return entries;
    },
    async stats() {
      // Diagnostics must not throw: without a readable store, `entries` is left out.
      // It may include expired entries nobody has read since they expired.
      try {
        return { entries: db.count(), ...counters };
      } catch {
        counters.errors++;
        return { ...counters };
      }
    },
  };
}

function isUsable(record: ResultRecord, at: number): boolean {
  if (record === null || typeof record !== 'object' || !(record.value instanceof Uint8Array)) return false;
  return record.expiresAt === undefined || (typeof record.expiresAt === 'number' && record.expiresAt > at);
}
