/** What users may write as `["@aqe/cache-lmdb", { ... }]` in the aqe config. */
export interface CacheLmdbOptions {
  /** Default time to live of an entry in milliseconds; entries never expire when absent. */
  ttlMs?: number;
}

const KEYS = ['ttlMs'];

/**
 * Checks the options up front (config values are untyped JSON) so a typo fails the
 * plugin's setup with the option's path, instead of silently caching forever.
 */
export function parseOptions(raw: unknown): CacheLmdbOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError(`options must be an object such as { "ttlMs": 86400000 }, received ${Array.isArray(raw) ? 'an array' : typeof raw}`);
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key)) throw new TypeError(`unknown option "${key}"; @aqe/cache-lmdb accepts only: ${KEYS.join(', ')}`);
  }
  return o.ttlMs === undefined ? {} : { ttlMs: checkTtl(o.ttlMs, 'options.ttlMs') };
}

/** A TTL is a positive, finite number of milliseconds. */
export function checkTtl(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${path} must be a positive number of milliseconds, received ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}
