import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CacheError, ErrorCodes, errorMessage } from '../errors.js';
import { msgpackr } from '../store/native-modules.js';
import { lazy } from '../util/lazy.js';
import type { TestFileResult } from '../types/results.js';

/** What one cache entry holds: the recorded result of one test file, replayed on a hit. */
export interface ResultEntry {
  v: number;
  /** The cache key the entry was written under; a copy under another key does not verify. */
  key: string;
  runner: string;
  file: string;
  result: TestFileResult;
  /** Milliseconds since epoch. Stored for `aqe cache stats`, never printed in run output. */
  createdAt: number;
}

/**
 * An encoded entry is `"AQEC" | format (1) | flags (1) | sha256 (32) | hmac-sha256 (32, when
 * signed) | msgpack body`. Checksum and signature both cover the body, which names the key:
 * an entry cannot be moved to another key or have its result edited without detection.
 */
const ENTRY_FORMAT = 1;
const MAGIC = Buffer.from('AQEC');
const SIGNED = 0x01;
const DIGEST = 32;
const HEADER = MAGIC.length + 2 + DIGEST;

// Plain maps: an entry written by one machine decodes on any other without shared state.
const msgpack = lazy(() => {
  const { Packr, Unpackr } = msgpackr();
  return { packr: new Packr({ useRecords: false }), unpackr: new Unpackr({ useRecords: false }) };
});

export function encodeEntry(entry: Omit<ResultEntry, 'v'>, secret?: string): Uint8Array {
  const body = msgpack().packr.pack({ v: ENTRY_FORMAT, ...entry });
  const signature = secret ? createHmac('sha256', secret).update(body).digest() : undefined;
  const head = Buffer.alloc(HEADER);
  MAGIC.copy(head, 0);
  head[4] = ENTRY_FORMAT;
  head[5] = signature ? SIGNED : 0;
  createHash('sha256').update(body).digest().copy(head, 6);
  return Buffer.concat(signature ? [head, signature, body] : [head, body]);
}

export type DecodedEntry = { ok: true; entry: ResultEntry } | { ok: false; reason: 'format' } | { ok: false; reason: 'rejected'; error: CacheError };

/**
 * Verifies and decodes an entry read from `tier` for `key`. An entry of another format
 * version (a newer or older aqe sharing the cache) is a plain miss; a damaged one is
 * AQE_CACHE_CORRUPT; when a secret is set, an unsigned or wrongly signed entry is
 * AQE_CACHE_SIGNATURE_INVALID. Rejected entries are never trusted: the file runs.
 */
export function decodeEntry(bytes: Uint8Array, key: string, tier: string, secret?: string): DecodedEntry {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEADER || !buf.subarray(0, 4).equals(MAGIC)) return corrupt(tier, key, `not an aqe cache entry (${buf.length} bytes)`);
  if (buf[4] !== ENTRY_FORMAT) return { ok: false, reason: 'format' };
  const signed = (buf[5]! & SIGNED) !== 0;
  const bodyStart = HEADER + (signed ? DIGEST : 0);
  if (buf.length < bodyStart) return corrupt(tier, key, 'the entry is truncated');
  const body = buf.subarray(bodyStart);
  if (!createHash('sha256').update(body).digest().equals(buf.subarray(6, HEADER))) return corrupt(tier, key, 'its sha256 checksum does not match its content');
  if (secret) {
    if (!signed) return badSignature(tier, key, 'it is not signed, and AQE_CACHE_SECRET is set');
    const expected = createHmac('sha256', secret).update(body).digest();
    if (!timingSafeEqual(expected, buf.subarray(HEADER, bodyStart))) return badSignature(tier, key, 'its HMAC-SHA256 signature does not verify with AQE_CACHE_SECRET');
  }
  let entry: ResultEntry;
  try {
    entry = msgpack().unpackr.unpack(body) as ResultEntry;
  } catch (error) {
    return corrupt(tier, key, `its msgpack body does not decode: ${errorMessage(error)}`);
  }
  if (!isEntry(entry)) return corrupt(tier, key, 'its body is not a test-file result entry');
  if (entry.key !== key) return corrupt(tier, key, `it was written for key ${entry.key.slice(0, 12)}…`);
  return { ok: true, entry };
}

function isEntry(e: unknown): e is ResultEntry {
  if (e === null || typeof e !== 'object') return false;
  const r = e as Partial<ResultEntry>;
  return (
    r.v === ENTRY_FORMAT && typeof r.key === 'string' && typeof r.runner === 'string' && typeof r.file === 'string' && typeof r.createdAt === 'number' && typeof r.result === 'object' && r.result !== null && Array.isArray(r.result.tests)
  );
}

function corrupt(tier: string, key: string, why: string): DecodedEntry {
  const error = new CacheError(ErrorCodes.CACHE_CORRUPT, tier, `entry ${key.slice(0, 12)}… was ignored: ${why}`, 'Nothing to do: the file runs and a fresh entry replaces it; `aqe cache clear` removes all entries');
  return { ok: false, reason: 'rejected', error };
}

function badSignature(tier: string, key: string, why: string): DecodedEntry {
  const error = new CacheError(
    ErrorCodes.CACHE_SIGNATURE_INVALID,
    tier,
    `entry ${key.slice(0, 12)}… was ignored: ${why}`,
    'The file runs instead. If every build that writes this cache uses the same AQE_CACHE_SECRET this means an entry was written by a build without it, or tampered with; see docs/caching.md#signing',
  );
  return { ok: false, reason: 'rejected', error };
}
