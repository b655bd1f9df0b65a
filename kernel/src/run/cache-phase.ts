import { createHash } from 'node:crypto';
import { DEFAULT_ENV_ALLOWLIST } from '../cache/key/key-inputs.js';
import type { KernelInternals } from '../discovery/internals.js';
import type { RunCacheReport } from '../types/cache.js';
import type { RunnerCapability } from '../types/capabilities.js';
import type { RunTestsOptions } from '../types/kernel.js';
import type { RunResult, TestFileResult } from '../types/results.js';

/**
 * The result cache's part of `aqe run`: before anything runs, every planned file is keyed
 * and looked up; a passing recorded result is served as `cached` instead of running the
 * file. After the run, the files that passed are written to every tier.
 */
export interface CachePhase {
  /** Passing recorded results of `files` (repo-relative), by file. */
  lookup(runner: RunnerCapability, configFiles: readonly string[], files: readonly string[]): Promise<Map<string, TestFileResult>>;
  /** Shard weights where a cached file weighs nothing: it costs this machine no time. */
  weigh(durations: Map<string, number>, hits: ReadonlyMap<string, TestFileResult> | undefined): Map<string, number>;
  /** Writes the passing files of the run, flushes remote writes and adds the accounting to the result. */
  finish(result: RunResult): Promise<void>;
}

const NONE: CachePhase = { lookup: async () => new Map(), weigh: (d) => d, finish: async () => {} };

export async function openCachePhase(k: KernelInternals, options: RunTestsOptions): Promise<CachePhase> {
  const backends = k.registry.list('cacheBackends');
  if (backends.length === 0) return NONE;
  const settings = k.config?.cache;
  const off = options.cache === false || ['off', '0', 'false'].includes(process.env.AQE_CACHE?.trim().toLowerCase() ?? '') || settings?.enabled === false;
  if (off) {
    return {
      ...NONE,
      finish: async (result) => {
        result.cache = { enabled: false, hits: 0, misses: 0, writes: 0, disabledTiers: [], rejected: 0 };
      },
    };
  }
  const { createResultCache } = await import('../cache/result-cache.js');
  const cache = await createResultCache({
    root: k.cwd,
    store: k.store,
    backends,
    env: process.env,
    envAllowlist: settings?.env ?? DEFAULT_ENV_ALLOWLIST,
    timeoutMs: settings?.timeoutMs ?? 2000,
    ...(settings?.ttlMs === undefined ? {} : { ttlMs: settings.ttlMs }),
    // A run filtered by test name records a partial result: it gets keys of its own.
    ...(options.testNamePattern === undefined ? {} : { variant: createHash('sha256').update(`t:${options.testNamePattern}`).digest('hex') }),
    warn: (message) => k.logger?.warn(message),
  });
  const keys = new Map<string, string>();
  return {
    async lookup(runner, configFiles, files) {
      const found = await cache.lookup(runner, configFiles, files);
      for (const [file, key] of found.keys) keys.set(`${runner.id}\0${file}`, key);
      return found.hits;
    },
    weigh(durations, hits) {
      if (!hits || hits.size === 0) return durations;
      const out = new Map(durations);
      for (const file of hits.keys()) out.set(file, 0);
      return out;
    },
    async finish(result) {
      // A file another runner took over (Bun → Jest) was keyed under the planned runner.
      const keyOf = (f: TestFileResult) => keys.get(`${f.runner}\0${f.file}`) ?? keys.get(`${f.fallbackFrom}\0${f.file}`);
      const passed = result.files.flatMap((f) => (f.status === 'passed' && keyOf(f) ? [{ key: keyOf(f)!, result: f }] : []));
      const report: RunCacheReport = await cache.store(passed);
      result.cache = report;
      const cached = result.files.filter((f) => f.status === 'cached').length;
      if (cached > 0) result.summary.cached = cached;
    },
  };
}
