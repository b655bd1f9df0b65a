import { CacheError, ErrorCodes } from '@aqe/kernel';

/** What users may write as `["@aqe/cache-redis", { ... }]` in the aqe config. */
export interface CacheRedisOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` (TLS); several URLs (or `cluster: true`) mean a Redis Cluster. Default: `AQE_REDIS_URL`. */
  url?: string | string[];
  /** Prepended to every key; one prefix per repository keeps teams apart. Default: `AQE_REDIS_PREFIX`, else `aqe:`. */
  prefix?: string;
  /** Time to live of an entry when the caller gives none. Default 7 days. */
  ttlMs?: number;
  /** Bound on connecting and on every command. Default 2000. */
  timeoutMs?: number;
  /** Treat the URL(s) as seed nodes of a Redis Cluster. */
  cluster?: boolean;
}

/** Options after validation and defaults, with the env applied. */
export interface RedisSettings {
  urls: string[];
  cluster: boolean;
  prefix: string;
  ttlMs: number;
  timeoutMs: number;
}

const DEFAULT_PREFIX = 'aqe:';
const DEFAULT_TTL_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_TIMEOUT_MS = 2000;
const KEYS = ['url', 'prefix', 'ttlMs', 'timeoutMs', 'cluster'];

const invalid = (message: string, fix: string) => new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 'redis', message, fix);

/**
 * Options from the config win over the environment (`AQE_REDIS_URL`, comma-separated
 * for several cluster nodes; `AQE_REDIS_PREFIX`). Returns undefined when no URL is set anywhere: the tier
 * is simply not configured, and the plugin registers nothing.
 */
export function resolveOptions(raw: unknown, env: Record<string, string | undefined>): RedisSettings | undefined {
  const o = checkShape(raw);
  const urls = o.url === undefined ? splitEnv(env.AQE_REDIS_URL) : urlList(o.url);
  if (urls.length === 0) return undefined;
  for (const url of urls) checkUrl(url);
  if (o.cluster !== undefined && typeof o.cluster !== 'boolean') {
    throw invalid(`options.cluster must be true or false, received ${describe(o.cluster)}`, 'Set "cluster": true for a Redis Cluster, or leave it out');
  }
  if (o.prefix !== undefined && typeof o.prefix !== 'string') {
    throw invalid(`options.prefix must be a string, received ${describe(o.prefix)}`, 'Use a short per-repository prefix such as "aqe:my-repo:"');
  }
  return {
    urls,
    cluster: o.cluster === true || urls.length > 1,
    prefix: o.prefix ?? env.AQE_REDIS_PREFIX ?? DEFAULT_PREFIX,
    ttlMs: o.ttlMs === undefined ? DEFAULT_TTL_MS : checkPositive(o.ttlMs, 'options.ttlMs'),
    timeoutMs: o.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkPositive(o.timeoutMs, 'options.timeoutMs'),
  };
}

/** A positive, finite number of milliseconds. */
export function checkPositive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${path} must be a positive number of milliseconds, received ${describe(value)}`, `Set ${path.replace(/^options\./, '')} to a number such as 86400000 (one day)`);
  }
  return value;
}

/** The URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<unparsable url>';
  }
}

function checkShape(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(`options must be an object, received ${Array.isArray(raw) ? 'an array' : typeof raw}`, 'Write ["@aqe/cache-redis", { "url": "redis://host:6379" }] in the aqe config');
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key)) throw invalid(`unknown option "${key}"`, `@aqe/cache-redis accepts only: ${KEYS.join(', ')}`);
  }
  return o;
}

function urlList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((u) => typeof u !== 'string' || u === '')) {
    throw invalid(`options.url must be a redis:// URL or a non-empty list of them, received ${describe(value)}`, 'Set "url": "redis://host:6379" (or AQE_REDIS_URL), or a list of cluster nodes');
  }
  return list as string[];
}

function splitEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

function checkUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw invalid(`"${url}" is not a URL`, 'Write it as redis://host:6379 (rediss:// for TLS) in the url option or AQE_REDIS_URL');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw invalid(`${redactUrl(url)} is not a redis:// or rediss:// URL`, 'Write it as redis://host:6379 (rediss:// for TLS) in the url option or AQE_REDIS_URL');
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
