import type { CacheBackendCapability } from '../types/capabilities.js';
import { SKIPPED, TierBreaker } from './breaker.js';
import { type CacheNamespaces, namespacedKey } from './namespace.js';
import { WriteQueue } from './write-queue.js';

export interface TieredCacheOptions {
  backends: readonly CacheBackendCapability[];
  namespaces: CacheNamespaces;
  /** Per operation, per tier: slower counts as a failure and switches the tier off. */
  timeoutMs: number;
  ttlMs?: number;
  /** Remote writes in flight per tier (default 16). */
  writeConcurrency?: number;
  /** Called once per tier that is switched off for the rest of the run. */
  onTierDisabled?(tier: string, reason: string): void;
}

interface TieredHit<T> {
  value: T;
  tier: string;
  namespace: string;
}

export interface TieredCache {
  /** Tier ids in read order. */
  readonly tiers: readonly string[];
  /**
   * Reads tier by tier (lowest `order` first), each in the read namespaces in order;
   * `accept` decodes and verifies the bytes, returning undefined to ignore them. A hit is
   * copied into the tiers above it, in this build's write namespace.
   */
  get<T>(key: string, accept: (bytes: Uint8Array, tier: string) => T | undefined): Promise<TieredHit<T> | undefined>;
  /** Writes every tier: local ones before returning, remote ones in the background. */
  put(key: string, value: Uint8Array): Promise<void>;
  /** Waits for background writes; call before the run returns. */
  flush(): Promise<void>;
  disabledTiers(): { id: string; reason: string }[];
}

interface Tier {
  backend: CacheBackendCapability;
  breaker: TierBreaker;
  queue?: WriteQueue;
}

export function createTieredCache(options: TieredCacheOptions): TieredCache {
  const disabled: { id: string; reason: string }[] = [];
  const onOpen = (id: string, reason: string) => {
    disabled.push({ id, reason });
    options.onTierDisabled?.(id, reason);
  };
  const tiers: Tier[] = [...options.backends]
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((backend) => ({ backend, breaker: new TierBreaker(backend.id, options.timeoutMs, onOpen), ...(backend.remote ? { queue: new WriteQueue(options.writeConcurrency ?? 16) } : {}) }));
  const { read, write } = options.namespaces;

  const writeTier = async (tier: Tier, key: string, value: Uint8Array, ttlMs: number | undefined) => {
    if (write === null || tier.breaker.isOpen) return;
    const put = async () => {
      await tier.breaker.call('put', () => tier.backend.put(namespacedKey(write, key), value, ttlMs === undefined ? undefined : { ttlMs }));
    };
    if (tier.queue) await tier.queue.push(put);
    else await put();
  };

  return {
    tiers: tiers.map((t) => t.backend.id),
    async get(key, accept) {
      for (let i = 0; i < tiers.length; i++) {
        const tier = tiers[i]!;
        for (const namespace of read) {
          const found = await tier.breaker.call('get', () => tier.backend.get(namespacedKey(namespace, key)));
          if (found === SKIPPED) break;
          if (!found) continue;
          const value = accept(found.value, tier.backend.id);
          if (value === undefined) continue;
          const left = found.expiresAt === undefined ? options.ttlMs : Math.max(1, found.expiresAt - Date.now());
          for (const upper of tiers.slice(0, i)) await writeTier(upper, key, found.value, left);
          return { value, tier: tier.backend.id, namespace };
        }
      }
      return undefined;
    },
    async put(key, value) {
      for (const tier of tiers) await writeTier(tier, key, value, options.ttlMs);
    },
    async flush() {
      await Promise.all(tiers.map((t) => t.queue?.drain()));
    },
    disabledTiers: () => [...disabled],
  };
}
