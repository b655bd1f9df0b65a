import type { CacheBackendStats } from './capabilities.js';

/** One input of a result-cache key (`aqe cache explain` prints these). */
export interface CacheKeyInput {
  /** file: the test file or a transitive local import; config: runner config/setup files; others are environment facts. */
  kind: 'file' | 'config' | 'lockfile' | 'runner' | 'node' | 'env';
  /** Repo-relative POSIX path for files; a name (`vitest`, `NODE_ENV`, `node`) otherwise. */
  name: string;
  /** sha256 hex of the content, or of the value. */
  hash: string;
}

export interface CacheKey {
  /** sha256 hex over the sorted inputs. */
  key: string;
  /** Sorted by kind then name. */
  inputs: CacheKeyInput[];
}

/** Per-run cache accounting, reported by `aqe run`. */
export interface RunCacheReport {
  enabled: boolean;
  hits: number;
  misses: number;
  writes: number;
  /** Tiers that failed and were switched off for the rest of the run (one warning each). */
  disabledTiers: { id: string; reason: string }[];
  /** Entries ignored because their checksum or signature did not verify. */
  rejected: number;
}

/** One tier as `aqe cache stats` shows it. */
export interface CacheTierReport {
  id: string;
  order: number;
  remote: boolean;
  /** The backend's counters; absent when it did not answer (see error). */
  stats?: CacheBackendStats;
  error?: string;
}

/** What the `aqe cache` commands report (FormatterInput kind `cache`). */
export type CacheCommandReport =
  | { command: 'stats'; namespaces: { read: string[]; write: string | null }; tiers: CacheTierReport[] }
  | { command: 'prune' | 'clear'; tiers: { id: string; removed: number | null; error?: string }[] }
  | { command: 'explain'; file: string; runner: string; key: string; inputs: CacheKeyInput[] }
  | { command: 'warm'; files: number; ran: number; cached: number; failed: number; cache: RunCacheReport | null };
