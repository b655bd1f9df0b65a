import { readSync } from 'node:fs';
import { DB_RECORD, F_BIGDATA, F_SUBDATA, MAX_DEPTH, NODE_HEADER, overflowPages, P_BRANCH, P_LEAF, P_OVERFLOW, PAGE_HEADER, readTreeRecord, readU64, type TreeRecord } from './lmdb-layout.js';
import { Corrupt, checkFreeList, checkOrder } from './tree-checks.js';

/** free: the free-page list (values are page lists); main: values are named databases. */
type TreeKind = 'free' | 'main' | 'user';
type Counts = Record<'branch' | 'leaf' | 'overflow' | 'entries', number>;

/**
 * Checks every page LMDB could reach from one snapshot: each page lies inside the file,
 * is referenced once, has the type its position requires, and every node, key, value
 * and overflow run stays inside its page or the file; per-tree statistics must match.
 * These are exactly the values LMDB dereferences without bounds checks.
 */
export class TreeWalker {
  private readonly seen: Uint8Array;
  /** One page buffer per tree level (0: overflow heads): a parent's page stays live while its children are read. */
  private readonly levels: Buffer[] = [];

  constructor(
    private readonly fd: number,
    private readonly pageSize: number,
    private readonly lastPage: number,
    private readonly txnid: number,
    private readonly fileSize: number,
  ) {
    // checkHeader() bounded lastPage by the file size.
    this.seen = new Uint8Array(lastPage + 1);
  }

  tree(name: string, record: TreeRecord, kind: TreeKind): void {
    // Our trees use no LMDB flags (plain keys, no duplicates); the free list's are checked with the meta.
    if (kind !== 'free' && record.flags !== 0) throw new Corrupt(`${name} has unexpected flags 0x${record.flags.toString(16)}`);
    const claimed = `${record.branchPages}/${record.leafPages}/${record.overflowPages}/${record.entries}`;
    if (record.root === undefined) {
      if (record.depth !== 0 || claimed !== '0/0/0/0') throw new Corrupt(`${name} is empty but claims ${claimed} branch/leaf/overflow pages/entries`);
      return;
    }
    if (record.depth < 1 || record.depth > MAX_DEPTH) throw new Corrupt(`${name} has an impossible depth ${record.depth}`);
    const counts: Counts = { branch: 0, leaf: 0, overflow: 0, entries: 0 };
    // Named databases are walked from inside a main-tree leaf: give them their own buffers.
    const base = kind === 'user' ? MAX_DEPTH : 0;
    this.page(name, kind, record.root, base + 1, base + record.depth, counts);
    const found = `${counts.branch}/${counts.leaf}/${counts.overflow}/${counts.entries}`;
    if (claimed !== found) throw new Corrupt(`${name} claims ${claimed} branch/leaf/overflow pages/entries, its pages hold ${found}`);
  }

  /** `low` and `high`: the keys the parent's separators allow in this page (low inclusive). */
  private page(name: string, kind: TreeKind, pgno: number, level: number, depth: number, counts: Counts, low?: Buffer, high?: Buffer): void {
    const buf = this.read(name, pgno, level);
    const type = level === depth ? P_LEAF : P_BRANCH;
    const flags = buf.readUInt16LE(18);
    if (flags !== type) throw new Corrupt(`${name}: page ${pgno} has flags 0x${flags.toString(16)}, expected a ${type === P_LEAF ? 'leaf' : 'branch'} page`);
    const lower = buf.readUInt16LE(20);
    const upper = buf.readUInt16LE(22);
    const keys = lower >> 1;
    // LMDB asserts (aborts the process) on a branch page with a single key outside the free list.
    const minKeys = type === P_BRANCH && kind !== 'free' ? 2 : 1;
    if (lower % 2 !== 0 || keys < minKeys || lower > upper || PAGE_HEADER + upper > this.pageSize) {
      throw new Corrupt(`${name}: page ${pgno} has an impossible node index (lower ${lower}, upper ${upper})`);
    }
    if (type === P_BRANCH) counts.branch++;
    else counts.leaf++;
    const nodes: number[] = [];
    const keyEnds: number[] = [];
    for (let i = 0; i < keys; i++) {
      const offset = buf.readUInt16LE(PAGE_HEADER + 2 * i);
      const node = PAGE_HEADER + offset;
      const keyEnd = node + NODE_HEADER + (node + NODE_HEADER <= this.pageSize ? buf.readUInt16LE(node + 6) : 0);
      if (offset < upper || keyEnd > this.pageSize) throw new Corrupt(`${name}: node ${i} of page ${pgno} lies outside the page`);
      nodes.push(node);
      keyEnds.push(keyEnd);
    }
    // Keys out of order send LMDB's searches to the wrong page: get() would miss records
    // that range() lists. (Free-list keys are integers, compared natively.)
    if (kind !== 'free') checkOrder(`${name}: page ${pgno}`, buf, nodes, keyEnds, type === P_BRANCH, low, high);
    for (let i = 0; i < keys; i++) {
      const node = nodes[i]!;
      const lo = buf.readUInt16LE(node) + buf.readUInt16LE(node + 2) * 0x10000;
      if (type === P_LEAF) {
        this.leafNode(name, kind, buf, pgno, node, keyEnds[i]!, lo, counts);
        continue;
      }
      const child = lo + buf.readUInt16LE(node + 4) * 2 ** 32;
      const childLow = i === 0 ? low : buf.subarray(node + NODE_HEADER, keyEnds[i]);
      const childHigh = i + 1 < keys ? buf.subarray(nodes[i + 1]! + NODE_HEADER, keyEnds[i + 1]) : high;
      this.page(name, kind, child, level + 1, depth, counts, childLow, childHigh);
    }
  }

  private leafNode(name: string, kind: TreeKind, buf: Buffer, pgno: number, node: number, dataAt: number, size: number, counts: Counts): void {
    counts.entries++;
    const flags = buf.readUInt16LE(node + 4);
    const where = `${name}: a record in page ${pgno}`;
    if (flags === F_BIGDATA) {
      if (dataAt + 8 > this.pageSize) throw new Corrupt(`${where} lies outside the page`);
      const first = readU64(buf, dataAt);
      const pages = overflowPages(size, this.pageSize);
      const head = this.read(name, first, 0);
      // A value rewritten smaller keeps its old run, so the run may be longer than needed.
      const run = head.readUInt32LE(20);
      if (head.readUInt16LE(18) !== P_OVERFLOW || run < pages) {
        throw new Corrupt(`${where} points to page ${first}, which is not an overflow run of at least ${pages} pages`);
      }
      this.claim(name, first + 1, run - 1);
      counts.overflow += run;
      if (kind === 'free') checkFreeList(name, this.bytes(first * this.pageSize + PAGE_HEADER, size), this.lastPage);
      return;
    }
    if (dataAt + size > this.pageSize) throw new Corrupt(`${where} has a value running past the end of the page`);
    const value = buf.subarray(dataAt, dataAt + size);
    if (flags === F_SUBDATA && kind === 'main' && size === DB_RECORD) {
      const dbName = buf.toString('utf8', node + NODE_HEADER, dataAt).replace(/\0$/, '');
      this.tree(`database "${dbName}"`, readTreeRecord(value, 0), 'user');
    } else if (flags !== 0) {
      throw new Corrupt(`${where} has unsupported node flags 0x${flags.toString(16)}`);
    } else if (kind === 'free') {
      checkFreeList(name, value, this.lastPage);
    }
  }

  /** Marks pages as referenced, refusing pages outside the file and pages referenced twice. */
  private claim(name: string, pgno: number, run: number): void {
    const last = pgno + run - 1;
    if (!(pgno >= 2) || last > this.lastPage || (last + 1) * this.pageSize > this.fileSize) {
      throw new Corrupt(`${name} references page ${last}, outside the file (${this.fileSize} bytes, last page ${this.lastPage}): truncated or damaged`);
    }
    for (let p = pgno; p <= last; p++) {
      if (this.seen[p]) throw new Corrupt(`${name} references page ${p} a second time`);
      this.seen[p] = 1;
    }
  }

  /** Claims page `pgno` and reads it into the buffer for `level`. */
  private read(name: string, pgno: number, level: number): Buffer {
    this.claim(name, pgno, 1);
    this.levels[level] ??= Buffer.alloc(this.pageSize);
    const buf = this.levels[level]!;
    if (readSync(this.fd, buf, 0, this.pageSize, pgno * this.pageSize) !== this.pageSize) throw new Corrupt(`${name}: page ${pgno} could not be read in full`);
    if (readU64(buf, 0) !== pgno) throw new Corrupt(`${name}: page ${pgno} says it is page ${readU64(buf, 0)}`);
    // LMDB takes a page from a newer transaction for one it may modify in place, and
    // writing to the read-only map faults: such a page cannot be part of this snapshot.
    if (readU64(buf, 8) > this.txnid) throw new Corrupt(`${name}: page ${pgno} claims a transaction newer than the snapshot`);
    return buf;
  }

  private bytes(position: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    if (readSync(this.fd, buf, 0, length, position) !== length) throw new Corrupt(`data.mdb: ${length} bytes at ${position} could not be read`);
    return buf;
  }
}
