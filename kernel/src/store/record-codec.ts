import { errorMessage } from '../errors.js';
import type { StoreDrop } from '../types/store.js';
import { lazy } from '../util/lazy.js';
import { msgpackr, zlib } from './native-modules.js';

/**
 * A record is `magic (1) | format version (1) | crc32 (4, LE) | msgpack payload`. The
 * checksum covers the key as well as the payload, so a record whose key bytes were
 * damaged cannot be served under another key.
 */
const MAGIC = 0xa7;
export const RECORD_VERSION = 1;
const HEADER = 6;

/** msgpack and crc32, made on the first record: a kernel with its store in memory frames none. */
const codec = lazy(() => {
  const { Packr, RESERVE_START_SPACE, Unpackr } = msgpackr();
  // Plain msgpack maps, no shared record structures: every record decodes on its own, in
  // any process or thread, without state saved elsewhere.
  // copyBuffers: binary values must not alias LMDB's read buffer, which the next read reuses.
  return { packr: new Packr({ useRecords: false }), unpackr: new Unpackr({ useRecords: false, copyBuffers: true }), reserve: RESERVE_START_SPACE, crc32: zlib().crc32 };
});

export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: StoreDrop['reason']; detail: string };

export function encodeRecord(key: string, value: unknown): Buffer {
  // msgpackr leaves HEADER bytes free in front of the payload, so no copy is needed;
  // the returned buffer is never overwritten by later packs.
  const { packr, reserve, crc32 } = codec();
  const record = packr.pack(value, reserve | HEADER);
  record[0] = MAGIC;
  record[1] = RECORD_VERSION;
  record.writeUInt32LE(crc32(record.subarray(HEADER), crc32(key)), 2);
  return record;
}

/** Never throws: anything that is not a sound record of this version is described instead. */
export function decodeRecord(key: string, record: Buffer): DecodeResult {
  if (record.length < HEADER || record[0] !== MAGIC) {
    return { ok: false, reason: 'decode', detail: `not an aqe record (${record.length} bytes, first byte ${record[0] ?? 'none'})` };
  }
  if (record[1] !== RECORD_VERSION) {
    return { ok: false, reason: 'version', detail: `record format ${record[1]}, this aqe reads format ${RECORD_VERSION}` };
  }
  // Explicit end: a buffer from getBinaryFast views a larger arena and only its `length` is right.
  const payload = record.subarray(HEADER, record.length);
  const stored = record.readUInt32LE(2);
  const { crc32, unpackr } = codec();
  const actual = crc32(payload, crc32(key));
  if (actual !== stored) {
    return { ok: false, reason: 'checksum', detail: `crc32 ${hex(actual)} does not match the stored ${hex(stored)}` };
  }
  try {
    return { ok: true, value: unpackr.unpack(payload) };
  } catch (error) {
    return { ok: false, reason: 'decode', detail: `msgpack payload does not decode: ${errorMessage(error)}` };
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
