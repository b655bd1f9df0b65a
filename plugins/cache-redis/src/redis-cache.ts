import type { CacheBackendCapability, CacheBackendStats, CacheEntry } from '@aqe/kernel';
import { checkPut, withTimeout } from '@aqe/kernel/cache';
import type { Cluster, Redis } from 'ioredis';
import { tierError } from './tier-error.js';

export interface RedisCacheOptions {
  /** An ioredis client made with `lazyConnect` and `enableOfflineQueue: false` (see connect.ts). */
  client: Redis | Cluster;
  /** The server as messages name it (URL with the password masked). */
  target: string;
  prefix: string;
  /** Default TTL for put() calls that give none. */
  ttlMs: number;
  /** Bound on each operation, connecting included. */
  timeoutMs: number;
}

export interface RedisCache extends CacheBackendCapability {
  /** Closes the connection(s); pending commands get until timeoutMs to finish. */
  close(): Promise<void>;
}

const SCAN_BATCH = 500;

/**
 * The shared Redis tier. Values are opaque bytes stored as `<prefix><key>` with a native
 * `PX` expiry, so Redis drops stale entries itself (no prune). Every call settles within
 * `timeoutMs`: with the offline queue off, a call made while Redis is down fails at once
 * with a CacheError, and ioredis reconnects in the background when Redis comes back.
 */
export function createRedisCache({ client, target, prefix, ttlMs, timeoutMs }: RedisCacheOptions): RedisCache {
  const counters: CacheBackendStats = { hits: 0, misses: 0, writes: 0, errors: 0 };
  let lastError: string | undefined;
  let connecting: Promise<void> | undefined;
  // Without a listener ioredis prints every connection error to the console itself.
  client.on('error', (error: Error) => {
    lastError = error.message;
  });
  client.on('ready', () => {
    lastError = undefined;
  });

  // lazyConnect: the first call connects; calls made meanwhile share that attempt.
  const ready = async () => {
    if (client.status === 'wait' && !connecting) {
      connecting = client.connect().finally(() => {
        connecting = undefined;
      });
    }
    if (connecting) await connecting;
  };

  const call = async <T>(op: string, work: () => Promise<T>): Promise<T> => {
    try {
      // ioredis has its own connect/command timeouts, but a reconnect loop or a cluster slot
      // refresh can still leave a call pending: the kernel's circuit breaker needs it settled.
      return await withTimeout(() => ready().then(work), timeoutMs);
    } catch (error) {
      counters.errors++;
      throw tierError(error, op, target, lastError);
    }
  };

  const k = (key: string) => prefix + key;

  return {
    id: 'redis',
    order: 10,
    remote: true,
    description: `Shared result cache in Redis (${target}, prefix "${prefix}")`,
    async get(key): Promise<CacheEntry | undefined> {
      const [value, pttl] = await call('get', async () => {
        const replies = (await client.pipeline().getBuffer(k(key)).pttl(k(key)).exec()) ?? [];
        for (const [error] of replies) if (error) throw error;
        return [replies[0]?.[1] as Buffer | null, replies[1]?.[1] as number];
      });
      if (!value) {
        counters.misses++;
        return undefined;
      }
      counters.hits++;
      // A copy into a plain Uint8Array: callers compare and keep bytes, not Buffers.
      return { value: new Uint8Array(value), ...(pttl > 0 ? { expiresAt: Date.now() + pttl } : {}) };
    },
    async put(key, value, options) {
      const ttl = checkPut('redis', value, options) ?? ttlMs;
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      await call('put', () => client.set(k(key), bytes, 'PX', Math.ceil(ttl)));
      counters.writes++;
    },
    async has(key) {
      return (await call('has', () => client.exists(k(key)))) > 0;
    },
    async delete(key) {
      return (await call('delete', () => client.del(k(key)))) > 0;
    },
    async stats() {
      // Counting the prefix's keys would SCAN a shared keyspace: `entries` is left out.
      return { ...counters };
    },
    async clear() {
      const pattern = `${escapeGlob(prefix)}*`;
      const nodes = client.isCluster ? (client as Cluster).nodes('master') : [client as Redis];
      let removed = 0;
      for (const node of nodes) {
        let cursor = '0';
        do {
          const [next, keys] = await call('clear', () => node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH));
          cursor = next;
          if (keys.length === 0) continue;
          // One UNLINK per key: keys of a cluster node live in many slots (no multi-key calls).
          const pipeline = node.pipeline();
          for (const key of keys) pipeline.unlink(key);
          const replies = await call('clear', async () => (await pipeline.exec()) ?? []);
          removed += replies.filter(([error, n]) => !error && n === 1).length;
        } while (cursor !== '0');
      }
      return removed;
    },
    async close() {
      if (client.status === 'ready') {
        try {
          await withTimeout(() => client.quit(), timeoutMs);
          return;
        } catch {
          // Fall through: a server that does not answer QUIT gets its socket closed.
        }
      }
      client.disconnect();
    },
  };
}

/** SCAN MATCH treats * ? [ ] \ as glob syntax; a prefix is literal. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
