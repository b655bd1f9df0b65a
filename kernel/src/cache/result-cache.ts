import type { RunCacheReport } from '../types/cache.js';
import type { CacheBackendCapability, RunnerCapability } from '../types/capabilities.js';
import type { TestFileResult } from '../types/results.js';
import type { Store } from '../types/store.js';
import { decodeEntry, encodeEntry } from './entry-codec.js';
import { resolveNamespaces } from './namespace.js';
import { createRunKeyer } from './run-keyer.js';
import { createTieredCache } from './tiered.js';

export interface ResultCacheOptions {
  root: string;
  store: Store;
  backends: readonly CacheBackendCapability[];
  env: NodeJS.ProcessEnv;
  envAllowlist: readonly string[];
  timeoutMs: number;
  ttlMs?: number;
  /** Mixed into every key: runs that record only part of a file (`-t`) must not share entries with full runs. */
  variant?: string;
  warn(message: string): void;
}

interface Lookup {
  hits: Map<string, TestFileResult>;
  /** The key of every file that could be keyed, for writing it after it runs. */
  keys: Map<string, string>;
}

export interface ResultCache {
  lookup(runner: RunnerCapability, configFiles: readonly string[], files: readonly string[]): Promise<Lookup>;
  /** Writes passing results, flushes the remote tiers, and returns the run's accounting. */
  store(entries: readonly { key: string; result: TestFileResult }[]): Promise<RunCacheReport>;
}

/** Files keyed and looked up at once: enough to hide a remote tier's latency, few enough for its connections. */
const CONCURRENCY = 16;

export async function createResultCache(o: ResultCacheOptions): Promise<ResultCache> {
  const namespaces = resolveNamespaces(o.env);
  const secret = o.env.AQE_CACHE_SECRET || undefined;
  const report: RunCacheReport = { enabled: true, hits: 0, misses: 0, writes: 0, disabledTiers: [], rejected: 0 };
  const tiers = createTieredCache({
    backends: o.backends,
    namespaces,
    timeoutMs: o.timeoutMs,
    ...(o.ttlMs === undefined ? {} : { ttlMs: o.ttlMs }),
    onTierDisabled: (id, reason) => o.warn(`cache tier "${id}" is switched off for this run: ${reason}. The run goes on without it; check the tier's service and its AQE_* settings (see docs/caching.md)`),
  });
  const keyer = createRunKeyer(o);

  const accept = (key: string) => (bytes: Uint8Array, tier: string) => {
    const decoded = decodeEntry(bytes, key, tier, secret);
    if (decoded.ok) return decoded.entry.result.status === 'passed' ? decoded.entry.result : undefined;
    if (decoded.reason === 'rejected') {
      report.rejected++;
      if (report.rejected === 1) o.warn(decoded.error.message);
    }
    return undefined;
  };

  return {
    async lookup(runner, configFiles, files) {
      const out: Lookup = { hits: new Map(), keys: new Map() };
      await forEach(files, CONCURRENCY, async (file) => {
        let key: string;
        try {
          const k = await keyer.keyFor(runner, configFiles, file);
          key = o.variant ? `${k.key}-${o.variant.slice(0, 16)}` : k.key;
        } catch (error) {
          // A file that cannot be keyed is not worth failing the run for: it runs, as it would uncached.
          o.warn(`cache: ${file} could not be keyed and runs uncached: ${(error as Error).message}`);
          return;
        }
        out.keys.set(file, key);
        const hit = await tiers.get(key, accept(key));
        if (!hit) {
          report.misses++;
          return;
        }
        report.hits++;
        const { error: _error, ...recorded } = hit.value;
        out.hits.set(file, { ...recorded, file, runner: runner.id, status: 'cached', durationMs: 0 });
      });
      return out;
    },
    async store(entries) {
      const createdAt = Date.now();
      for (const { key, result } of entries) {
        await tiers.put(key, encodeEntry({ key, runner: result.runner, file: result.file, result, createdAt }, secret));
        report.writes++;
      }
      await tiers.flush();
      report.disabledTiers = tiers.disabledTiers().sort((a, b) => a.id.localeCompare(b.id));
      return report;
    },
  };
}

async function forEach<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
