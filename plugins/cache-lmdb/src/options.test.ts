import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it.each([
    [undefined, {}],
    [{}, {}],
    [{ ttlMs: 60_000 }, { ttlMs: 60_000 }],
    [{ ttlMs: undefined }, {}],
  ])('accepts %o', async (raw, expected) => {
    expect(await parseOptions(raw)).toEqual(expected);
  });

  it.each([
    [{ ttlMs: 0 }, 'options.ttlMs must be a positive number of milliseconds, received 0'],
    [{ ttlMs: -1 }, 'received -1'],
    [{ ttlMs: Number.POSITIVE_INFINITY }, 'received Infinity'],
    [{ ttlMs: '1h' }, 'received "1h"'],
    [{ ttl: 5 }, 'unknown option "ttl". @aqe/cache-lmdb accepts only: ttlMs'],
    [[], 'options must be an object'],
  ])('rejects %o with AQE_CACHE_CONFIG_INVALID naming the option', async (raw, message) => {
    await expect(parseOptions(raw)).rejects.toThrow(message);
    await expect(parseOptions(raw)).rejects.toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 'lmdb' });
  });
});
