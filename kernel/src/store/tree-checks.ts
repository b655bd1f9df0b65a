import { readU64 } from './lmdb-layout.js';

/** A structural defect; the message names what is wrong and where. */
export class Corrupt extends Error {}

/** Strictly ascending in LMDB's byte order, within [low, high). A branch's first key is a placeholder. */
export function checkOrder(where: string, keys: Buffer[], branch: boolean, low?: Buffer, high?: Buffer): void {
  let previous = low;
  for (let i = branch ? 1 : 0; i < keys.length; i++) {
    const key = keys[i]!;
    const inOrder = !previous || Buffer.compare(previous, key) < (previous === low ? 1 : 0);
    if (!inOrder || (high && Buffer.compare(key, high) >= 0)) throw new Corrupt(`${where} has keys out of order`);
    previous = key;
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
