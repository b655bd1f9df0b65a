import { isAbsolute, resolve } from 'node:path';
import { CacheError, ErrorCodes } from '../../errors.js';
import type { CacheKey } from '../../types/cache.js';
import type { Store } from '../../types/store.js';
import { DEFAULT_ENV_ALLOWLIST } from './key-inputs.js';

export interface CacheKeyerOptions {
  /** Absolute repository root: every name in a key is relative to it. */
  root: string;
  /** File hashes and import lists are kept in its `index` database. */
  store: Store;
  /** Where allowlisted variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Environment variables whose values are inputs (default NODE_ENV, TZ; config `cache.env`). */
  envAllowlist?: string[];
}

export interface CacheKeyRequest {
  runner: string;
  runnerVersion: string | null;
  /** The runner's discovery inputs and setup files, repo-relative. */
  configFiles: string[];
  /** The test file, repo-relative. */
  file: string;
}

export interface CacheKeyer {
  keyFor(input: CacheKeyRequest): Promise<CacheKey>;
  /** The local files `file` loads, directly or not (itself excluded): repo-relative, sorted. */
  imports(file: string): Promise<string[]>;
}

/**
 * Result-cache keys: a test file's key hashes the file and every local file it reaches
 * through imports, the runner's config and setup files (and what they import), the
 * lockfile, the runner and its version, the Node version and allowlisted environment
 * variables. One keyer per run: it remembers how specifiers resolved for its life.
 */
export function createCacheKeyer(options: CacheKeyerOptions): CacheKeyer {
  if (!isAbsolute(options.root)) {
    throw new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 'cache', `the key root "${options.root}" is not an absolute path`, 'Pass the absolute repository root');
  }
  const root = resolve(options.root);
  const env = options.env ?? process.env;
  const allowlist = options.envAllowlist ?? DEFAULT_ENV_ALLOWLIST;
  let keyer: Promise<CacheKeyer> | undefined;
  const load = () => {
    keyer ??= import('./keyer.js').then((m) => m.loadKeyer(root, options.store, env, allowlist));
    return keyer;
  };
  return {
    keyFor: async (input) => (await load()).keyFor(input),
    imports: async (file) => (await load()).imports(file),
  };
}
