/**
 * The on-disk layout of the LMDB fork bundled with lmdb-js 3.x (64-bit builds), as
 * read from its mdb.c and checked against files it writes. validate-env.ts reads
 * data.mdb with plain file reads through these helpers, never through the mmap, so a
 * damaged file cannot SIGBUS or SIGSEGV the process while it is being judged.
 */

export const MDB_MAGIC = 0xbeefc0de;
export const MDB_DATA_VERSION = 2;
/** pgno (8), txnid (8), pad (2), flags (2), lower/upper or overflow page count (4). */
export const PAGE_HEADER = 24;
/** lo, hi, flags, ksize: four uint16 before the key bytes. */
export const NODE_HEADER = 8;
/** Size of an MDB_db record (a tree's root and statistics). */
export const DB_RECORD = 48;
/** LMDB's cursor stack; a deeper tree makes it fail, so it cannot be valid. */
export const MAX_DEPTH = 32;

export const P_BRANCH = 0x01;
export const P_LEAF = 0x02;
export const P_OVERFLOW = 0x04;
export const P_META = 0x08;

/** The free list's comparator flag; the meta stores it with the environment flags. */
export const MDB_INTEGERKEY = 0x08;
/** Environment flags lmdb-js may persist: overlappingSync, safeRestore, trackMetrics, noSubdir. */
export const ENV_FLAGS_ALLOWED = 0x1000 | 0x800 | 0x400 | 0x4000;

export const F_BIGDATA = 0x01;
export const F_SUBDATA = 0x02;

/** A page number or count read from disk; Infinity when it cannot be a real one. */
export function readU64(buf: Buffer, offset: number): number {
  const hi = buf.readUInt32LE(offset + 4);
  return hi > 0x1fffff ? Number.POSITIVE_INFINITY : hi * 2 ** 32 + buf.readUInt32LE(offset);
}

/** md_root of an empty tree. */
function isInvalidPgno(buf: Buffer, offset: number): boolean {
  return buf.readUInt32LE(offset) === 0xffffffff && buf.readUInt32LE(offset + 4) === 0xffffffff;
}

export interface TreeRecord {
  pad: number;
  flags: number;
  depth: number;
  branchPages: number;
  leafPages: number;
  overflowPages: number;
  entries: number;
  /** undefined for an empty tree. */
  root: number | undefined;
}

export function readTreeRecord(buf: Buffer, offset: number): TreeRecord {
  return {
    pad: buf.readUInt32LE(offset),
    flags: buf.readUInt16LE(offset + 4),
    depth: buf.readUInt16LE(offset + 6),
    branchPages: readU64(buf, offset + 8),
    leafPages: readU64(buf, offset + 16),
    overflowPages: readU64(buf, offset + 24),
    entries: readU64(buf, offset + 32),
    root: isInvalidPgno(buf, offset + 40) ? undefined : readU64(buf, offset + 40),
  };
}

export interface Meta {
  pageFlags: number;
  magic: number;
  version: number;
  pageSize: number;
  free: TreeRecord;
  main: TreeRecord;
  lastPage: number;
  txnid: number;
}

/** Reads the meta that starts `at` bytes into `buf` (the page header comes first). */
export function readMeta(buf: Buffer, at = 0): Meta {
  const m = at + PAGE_HEADER;
  const free = readTreeRecord(buf, m + 24);
  return {
    pageFlags: buf.readUInt16LE(at + 18),
    magic: buf.readUInt32LE(m),
    version: buf.readUInt32LE(m + 4) & 0xffff,
    pageSize: free.pad,
    free,
    main: readTreeRecord(buf, m + 24 + DB_RECORD),
    lastPage: readU64(buf, m + 24 + 2 * DB_RECORD),
    txnid: readU64(buf, m + 24 + 2 * DB_RECORD + 8),
  };
}

/** Bytes of a meta page that readMeta looks at. */
export const META_BYTES = PAGE_HEADER + 24 + 2 * DB_RECORD + 16;

/** Pages an overflow value of `size` bytes occupies (LMDB's OVPAGES). */
export function overflowPages(size: number, pageSize: number): number {
  return Math.floor((PAGE_HEADER - 1 + size) / pageSize) + 1;
}
