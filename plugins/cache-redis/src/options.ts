import { CacheError, ErrorCodes, parsePluginOptions } from '@aqe/kernel';

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

const invalid = (message: string, fix: string) => new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 'redis', message, fix);

/**
 * Options from the config win over the environment (`AQE_REDIS_URL`, comma-separated
 * for several cluster nodes; `AQE_REDIS_PREFIX`). Returns undefined when no URL is set anywhere: the tier
 * is simply not configured, and the plugin registers nothing.
 */
export async function resolveOptions(raw: unknown, env: Record<string, string | undefined>): Promise<RedisSettings | undefined> {
  const o = await parsePluginOptions(
    (z) => {
      const ms = z.number().positive().describe('a positive number of milliseconds').optional();
      return z.object({
        url: z
          .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
          .describe('a redis:// URL or a non-empty list of them')
          .optional(),
        prefix: z.string().describe('a string').optional(),
        ttlMs: ms,
        timeoutMs: ms,
        cluster: z.boolean().describe('true or false').optional(),
      });
    },
    raw,
    {
      plugin: '@aqe/cache-redis',
      example: '{ "url": "redis://host:6379" }',
      toError: invalid,
      fixes: {
        url: 'Set "url": "redis://host:6379" (or AQE_REDIS_URL), or a list of cluster nodes',
        prefix: 'Use a short per-repository prefix such as "aqe:my-repo:"',
        ttlMs: 'Set ttlMs to a number such as 86400000 (one day)',
        timeoutMs: 'Set timeoutMs to a number such as 2000 (two seconds)',
        cluster: 'Set "cluster": true for a Redis Cluster, or leave it out',
      },
    },
  );
  const urls = o.url === undefined ? splitEnv(env.AQE_REDIS_URL) : [o.url].flat();
  if (urls.length === 0) return undefined;
  for (const url of urls) checkUrl(url);
  return {
    urls,
    cluster: o.cluster === true || urls.length > 1,
    prefix: o.prefix ?? env.AQE_REDIS_PREFIX ?? DEFAULT_PREFIX,
    ttlMs: o.ttlMs ?? DEFAULT_TTL_MS,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
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
