import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it.each([
    [undefined, {}],
    [{}, {}],
    [{ ttlMs: 60_000 }, { ttlMs: 60_000 }],
    [{ ttlMs: undefined }, {}],
  ])('accepts %o', (raw, expected) => {
    expect(parseOptions(raw)).toEqual(expected);
  });

  it.each([
    [{ ttlMs: 0 }, 'options.ttlMs must be a positive number of milliseconds, received 0'],
    [{ ttlMs: -1 }, 'received -1'],
    [{ ttlMs: Number.POSITIVE_INFINITY }, 'received Infinity'],
    [{ ttlMs: '1h' }, 'received string'],
    [{ ttl: 5 }, 'unknown option "ttl"; @aqe/cache-lmdb accepts only: ttlMs'],
    [[], 'options must be an object'],
  ])('rejects %o naming the option', (raw, message) => {
    expect(() => parseOptions(raw)).toThrow(message);
  });
});
