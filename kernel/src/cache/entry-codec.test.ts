import { describe, expect, it } from 'vitest';
import type { TestFileResult } from '../types/results.js';
import { decodeEntry, encodeEntry } from './entry-codec.js';

const result: TestFileResult = {
  file: 'test/a.test.js',
  runner: 'node',
  status: 'passed',
  durationMs: 12,
  tests: [{ id: 'test/a.test.js > adds', file: 'test/a.test.js', titlePath: ['adds'], status: 'passed', durationMs: 3, retries: 0 }],
};
const entry = { key: 'k'.repeat(64), runner: 'node', file: result.file, result, createdAt: 1 };

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at < 0 ? copy.length + at : at]! ^= 0xff;
  return copy;
}

describe('cache entry codec', () => {
  it('round-trips an entry, signed or not', () => {
    expect(decodeEntry(encodeEntry(entry), entry.key, 'lmdb')).toEqual({ ok: true, entry: { v: 1, ...entry } });
    expect(decodeEntry(encodeEntry(entry, 's3cret'), entry.key, 'redis', 's3cret')).toEqual({ ok: true, entry: { v: 1, ...entry } });
  });

  it('reads a signed entry without the secret (nothing is expected of it then)', () => {
    expect(decodeEntry(encodeEntry(entry, 's3cret'), entry.key, 'redis').ok).toBe(true);
  });

  it.each([
    ['a flipped body byte', (b: Uint8Array) => flip(b, -1), undefined, 'AQE_CACHE_CORRUPT', 'checksum'],
    ['a flipped checksum byte', (b: Uint8Array) => flip(b, 8), undefined, 'AQE_CACHE_CORRUPT', 'checksum'],
    ['a truncated entry', (b: Uint8Array) => b.subarray(0, 20), undefined, 'AQE_CACHE_CORRUPT', 'not an aqe cache entry'],
    ['bytes of something else', () => new TextEncoder().encode('x'.repeat(80)), undefined, 'AQE_CACHE_CORRUPT', 'not an aqe cache entry'],
  ])('rejects %s as corrupt', (_name, damage, secret, code, text) => {
    const out = decodeEntry(damage(encodeEntry(entry)), entry.key, 'lmdb', secret);
    expect(out).toMatchObject({ ok: false, reason: 'rejected', error: { code, tier: 'lmdb' } });
    if (!out.ok && out.reason === 'rejected') expect(out.error.message).toContain(text);
  });

  it('rejects an unsigned entry when a secret is set', () => {
    const out = decodeEntry(encodeEntry(entry), entry.key, 's3', 's3cret');
    expect(out).toMatchObject({ ok: false, reason: 'rejected', error: { code: 'AQE_CACHE_SIGNATURE_INVALID', tier: 's3' } });
  });

  it('rejects an entry signed with another secret, or whose signature was edited', () => {
    expect(decodeEntry(encodeEntry(entry, 'attacker'), entry.key, 's3', 's3cret')).toMatchObject({ error: { code: 'AQE_CACHE_SIGNATURE_INVALID' } });
    expect(decodeEntry(flip(encodeEntry(entry, 's3cret'), 40), entry.key, 's3', 's3cret')).toMatchObject({ error: { code: 'AQE_CACHE_SIGNATURE_INVALID' } });
  });

  it('rejects a sound entry served under another key', () => {
    const out = decodeEntry(encodeEntry(entry, 's3cret'), 'other', 'redis', 's3cret');
    expect(out).toMatchObject({ ok: false, error: { code: 'AQE_CACHE_CORRUPT' } });
  });

  it('treats another format version as a plain miss, not a rejection', () => {
    const bytes = Uint8Array.from(encodeEntry(entry));
    bytes[4] = 2;
    expect(decodeEntry(bytes, entry.key, 'lmdb')).toEqual({ ok: false, reason: 'format' });
  });
});
