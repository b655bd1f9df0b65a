import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_FLAGS_ALLOWED, MDB_DATA_VERSION, MDB_INTEGERKEY, MDB_MAGIC, type Meta, META_BYTES, P_META, readMeta } from './lmdb-layout.js';
import { Corrupt } from './tree-checks.js';
import { TreeWalker } from './tree-walker.js';

/**
 * LMDB trusts the page numbers, offsets and sizes it finds in data.mdb, so a truncated or
 * damaged file crashes the process (SIGBUS, SIGSEGV, abort) instead of throwing. These
 * checks read the file with plain reads, never through a memory map, so they cannot.
 * Both throw only for I/O errors (permissions, ...), which moving the store cannot fix.
 */
export type EnvVerdict = { state: 'ok' } | { state: 'corrupt'; reason: string };

/** What LMDB reads while opening: the directory, the data file, its meta pages. */
export function checkHeader(dir: string): EnvVerdict {
  return withDataFile(dir, (fd, size) => {
    readMetas(stableMetaBytes(fd, size), size);
  });
}

/**
 * Every page reachable from the newest snapshot. It takes no reader slot itself: call it
 * while holding an LMDB read transaction, begun before, so that writers in other
 * processes cannot reuse those pages mid-walk.
 */
export function checkTrees(dir: string): EnvVerdict {
  return withDataFile(dir, (fd, size) => {
    const [first, second] = readMetas(stableMetaBytes(fd, size), size);
    const newest = first.txnid >= second.txnid ? first : second;
    // A commit since `size` was taken appended the pages its meta refers to: measure again.
    const walker = new TreeWalker(fd, newest.pageSize, newest.lastPage, newest.txnid, fstatSync(fd).size);
    walker.tree('the free-page list', newest.free, 'free');
    walker.tree('the main tree', newest.main, 'main');
  });
}

function withDataFile(dir: string, check: (fd: number, size: number) => void): EnvVerdict {
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) return { state: 'ok' };
  if (!dirStat.isDirectory()) return { state: 'corrupt', reason: `${dir} is not a directory` };
  let fd: number;
  try {
    fd = openSync(join(dir, 'data.mdb'), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'ok' };
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { state: 'corrupt', reason: 'data.mdb is not a regular file' };
    // An empty file is what a crash during creation leaves; LMDB initialises it.
    if (stat.size > 0) check(fd, stat.size);
    return { state: 'ok' };
  } catch (error) {
    if (error instanceof Corrupt) return { state: 'corrupt', reason: error.message };
    throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Meta page 0, the flushed-meta copy in the second half of page 0, meta page 1. A commit
 * rewrites a meta page in place: two identical reads in a row rule out a torn one.
 */
function stableMetaBytes(fd: number, fileSize: number): Buffer {
  let previous: Buffer | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    const head = readAt(fd, 0, fileSize);
    const pageSize = readMeta(head).pageSize;
    const bytes = isPageSize(pageSize) && fileSize >= 2 * pageSize ? Buffer.concat([head, readAt(fd, pageSize / 2, fileSize), readAt(fd, pageSize, fileSize)]) : head;
    if (previous?.equals(bytes)) return bytes;
    previous = bytes;
  }
  return previous!;
}

function readMetas(bytes: Buffer, fileSize: number): [Meta, Meta] {
  const first = readMeta(bytes);
  checkMeta(first, 0, first.pageSize, fileSize);
  const { pageSize } = first;
  if (fileSize < 2 * pageSize) throw new Corrupt(`data.mdb is truncated: ${fileSize} bytes, less than its two ${pageSize}-byte meta pages`);
  const second = readMeta(bytes, 2 * META_BYTES);
  checkMeta(second, 1, pageSize, fileSize);
  // With overlappingSync LMDB keeps a magic-less copy of the last flushed meta in the
  // second half of page 0; while opening it reads meta 0, that copy and meta 1 and takes
  // page size, last page and txnid from the newest (the earlier on a tie): when that is
  // the copy, it must agree with the newest meta page.
  const flushed = readMeta(bytes, META_BYTES);
  const newest = first.txnid >= second.txnid ? first : second;
  const copyWins = flushed.txnid > first.txnid && flushed.txnid >= second.txnid;
  if (copyWins && (flushed.txnid !== newest.txnid || flushed.pageSize !== pageSize || flushed.lastPage !== newest.lastPage)) {
    throw new Corrupt('the flushed-meta copy in page 0 does not match the newest meta page');
  }
  return [first, second];
}

/** LMDB maps at least (last page + 1) × page size: an absurd last page faults while opening. */
const MAP_SLACK = 2 ** 30;

function checkMeta(meta: Meta, page: number, pageSize: number, fileSize: number): void {
  const what = `meta page ${page}`;
  if (meta.pageFlags !== P_META) throw new Corrupt(`${what} is not marked as a meta page: not an LMDB data file`);
  if (meta.magic !== MDB_MAGIC) throw new Corrupt(`${what} has magic 0x${meta.magic.toString(16)}, not 0x${MDB_MAGIC.toString(16)}: not an LMDB data file`);
  if (meta.version !== MDB_DATA_VERSION) throw new Corrupt(`${what} has data format ${meta.version}, this LMDB reads ${MDB_DATA_VERSION}`);
  if (!isPageSize(pageSize) || meta.pageSize !== pageSize) throw new Corrupt(`${what} has an impossible page size ${meta.pageSize}`);
  // The file may end a few unwritten pages short of the last page, never gigabytes.
  if (!(meta.lastPage >= 1 && (meta.lastPage + 1) * pageSize <= fileSize + MAP_SLACK) || !Number.isSafeInteger(meta.txnid)) {
    throw new Corrupt(`${what} has an impossible last page (${meta.lastPage}) or transaction id for a ${fileSize}-byte file`);
  }
  // The free list's flags hold the environment flags: LMDB applies them on open, and a
  // flipped bit (DUPSORT, FIXEDMAP, ...) sends it down code paths this data cannot take.
  const envFlags = meta.free.flags;
  if ((envFlags & MDB_INTEGERKEY) === 0 || (envFlags & ~(MDB_INTEGERKEY | ENV_FLAGS_ALLOWED)) !== 0) {
    throw new Corrupt(`${what} has impossible environment flags 0x${envFlags.toString(16)}`);
  }
}

function isPageSize(size: number): boolean {
  return size >= 256 && size <= 65536 && (size & (size - 1)) === 0;
}

function readAt(fd: number, position: number, fileSize: number): Buffer {
  const buf = Buffer.alloc(META_BYTES);
  if (position + META_BYTES > fileSize || readSync(fd, buf, 0, META_BYTES, position) !== META_BYTES) {
    throw new Corrupt(`data.mdb is truncated: ${fileSize} bytes, a meta page at byte ${position} is cut off`);
  }
  return buf;
}
