import { CacheError, ErrorCodes } from '../errors.js';

/**
 * A TTL is a positive, finite number of milliseconds. A cache backend checks the ones it is
 * handed (its default, a put's) with this, so every tier rejects the same values the same way.
 */
export function checkTtl(tier: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    const received = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : typeof value;
    throw new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, tier, `${path} must be a positive number of milliseconds, received ${received}`, 'Pass a number such as 86400000 (one day), or leave it out');
  }
  return value;
}

/** A put's arguments, checked before anything is written: the value must be bytes; returns the put's own TTL, if any. */
export function checkPut(tier: string, value: unknown, options: { ttlMs?: number } | undefined): number | undefined {
  if (!(value instanceof Uint8Array)) throw new TypeError(`cache values must be a Uint8Array, received ${value === null ? 'null' : typeof value}`);
  return options?.ttlMs === undefined ? undefined : checkTtl(tier, options.ttlMs, 'put options.ttlMs');
}
