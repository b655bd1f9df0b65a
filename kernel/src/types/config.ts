import type { AgentPoolSettings } from './agents.js';

/** A plugin named in config: a package name or a path, optionally with options. */
export type PluginSpec = string | [string, Record<string, unknown>];

/** The shape users write in aqe.config.* or package.json#aqe. */
export interface UserConfig {
  plugins?: PluginSpec[];
  /** Make a plugin that fails validation, setup or a hook fatal. */
  strict?: boolean;
  /** Per-hook-call timeout in milliseconds (default 10000). */
  hookTimeoutMs?: number;
  /** Store directory, relative to the project root (default `.aqe/store`). */
  storeDir?: string;
  /** Load installed packages whose package.json has an "aqe" manifest (default true). */
  discoverInstalled?: boolean;
  /** Plugin names to leave out, built-ins included. */
  disable?: string[];
  /** The agent worker pool (see docs/agents.md); every key optional. */
  agents?: Partial<AgentPoolSettings>;
  /** The test-result cache (see docs/caching.md); every key optional. */
  cache?: Partial<CacheSettings>;
}

export interface CacheSettings {
  /** false turns the result cache off, as `--no-cache` and `AQE_CACHE=off` do (default true). */
  enabled: boolean;
  /** Environment variables whose values are part of every cache key; replaces the default `NODE_ENV`, `TZ`. */
  env: string[];
  /** Entries expire this long after they are written (default: never). */
  ttlMs?: number;
  /** Per operation on one tier: slower switches that tier off for the run (default 2000). */
  timeoutMs: number;
}

export interface ResolvedConfig {
  plugins: { spec: string; options: Record<string, unknown> }[];
  strict: boolean;
  hookTimeoutMs: number;
  storeDir: string;
  discoverInstalled: boolean;
  disable: string[];
  agents: AgentPoolSettings;
  cache: CacheSettings;
  /** Relative path of the file the config came from, or null for defaults. */
  source: string | null;
}

/** The "aqe" block of a plugin package's package.json. */
export interface PluginManifest {
  apiVersion: string;
  /** Module (relative to the package root) whose default export is the plugin; defaults to the package's main export. */
  entry?: string;
}
