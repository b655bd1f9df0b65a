import { NODE_HEADER, readU64 } from './lmdb-layout.js';

/** A structural defect; the message names what is wrong and where. */
export class Corrupt extends Error {}

/**
 * Keys (from node + 8 to keyEnds[i] in `page`) strictly ascending in LMDB's byte order,
 * within [low, high). A branch page's first key is a placeholder. Compares in place:
 * a full check visits every key of the store.
 */
export function checkOrder(where: string, page: Buffer, nodes: number[], keyEnds: number[], branch: boolean, low?: Buffer, high?: Buffer): void {
  const first = branch ? 1 : 0;
  for (let i = first; i < nodes.length; i++) {
    const start = nodes[i]! + NODE_HEADER;
    const end = keyEnds[i]!;
    const afterPrevious = i === first ? !low || low.compare(page, start, end) <= 0 : page.compare(page, start, end, nodes[i - 1]! + NODE_HEADER, keyEnds[i - 1]) < 0;
    if (!afterPrevious || (high && high.compare(page, start, end) <= 0)) throw new Corrupt(`${where} has keys out of order`);
  }
}

/**
 * A free-page list value: a count, then page numbers or (-length, first page) runs.
 * LMDB reads `count` entries and hands their pages out for writing, unchecked.
 */
export function checkFreeList(name: string, ids: Buffer, lastPage: number): void {
  const count = ids.length >= 8 ? readU64(ids, 0) : Number.POSITIVE_INFINITY;
  if ((count + 1) * 8 > ids.length) throw new Corrupt(`${name} has a page list longer than its record`);
  for (let i = 1; i <= count; i++) {
    const entry = Number(ids.readBigInt64LE(i * 8));
    if (entry === 0) continue;
    const run = entry < 0 ? -entry : 1;
    if (entry < 0 && ++i > count) throw new Corrupt(`${name} has a page run without a first page`);
    const first = entry < 0 ? readU64(ids, i * 8) : entry;
    if (first < 2 || first + run - 1 > lastPage) throw new Corrupt(`${name} lists free page ${first} outside the file`);
  }
}
