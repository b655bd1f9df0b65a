import { inspect } from 'node:util';
import type { Key } from 'lmdb';
import { lmdb } from './native-modules.js';
import { errorMessage } from '../errors.js';
import type { DatabaseName, StoreDatabase, StoreDrop, StoreRangeOptions } from '../types/store.js';
import type { RawDatabase } from './environment.js';
import { isLmdbCorruption } from './lmdb-errors.js';
import { decodeRecord, encodeRecord } from './record-codec.js';

/** What a database needs from the store that owns it. */
export interface StoreContext {
  readonly readOnly: boolean;
  assertOpen(): void;
  assertWritable(): void;
  report(drop: StoreDrop): void;
}

export class LmdbDatabase<T> implements StoreDatabase<T> {
  /** Bad keys already reported whose removal is pending (or impossible: read-only), reported once. */
  private readonly dropping = new Set<string>();

  constructor(
    readonly name: DatabaseName,
    private readonly db: RawDatabase,
    private readonly context: StoreContext,
  ) {}

  get(key: string): T | undefined {
    this.context.assertOpen();
    let raw: Buffer | undefined;
    try {
      // No copy: the bytes are checked and decoded before the next read reuses the buffer.
      raw = this.db.getBinaryFast(key);
    } catch (error) {
      return this.fault(key, error);
    }
    if (raw === undefined) return undefined;
    const decoded = decodeRecord(key, raw);
    if (decoded.ok) return decoded.value as T;
    this.drop(key, decoded.reason, decoded.detail);
    return undefined;
  }

  async put(key: string, value: T): Promise<void> {
    this.context.assertWritable();
    await this.db.put(key, encodeRecord(key, value));
  }

  async remove(key: string): Promise<boolean> {
    this.context.assertWritable();
    return this.db.remove(key, lmdb().IF_EXISTS);
  }

  range(options: StoreRangeOptions = {}): Iterable<{ key: string; value: T }> {
    this.context.assertOpen();
    return this.entries(options.prefix ?? '', options.limit ?? Number.POSITIVE_INFINITY);
  }

  async clear(): Promise<void> {
    this.context.assertWritable();
    await this.db.clearAsync();
    this.dropping.clear();
  }

  count(): number {
    this.context.assertOpen();
    return (this.db.getStats() as { entryCount: number }).entryCount;
  }

  private *entries(prefix: string, limit: number): Generator<{ key: string; value: T }> {
    let yielded = 0;
    // Keys are UTF-8 strings in byte order: all keys with the prefix follow `start: prefix`.
    const iterator = this.db.getRange(prefix ? { start: prefix } : {})[Symbol.iterator]();
    try {
      while (yielded < limit) {
        this.context.assertOpen();
        // Typed as lmdb-js may decode a damaged key, not as the strings written.
        let step: IteratorResult<{ key: Key; value: Buffer }>;
        try {
          step = iterator.next();
        } catch (error) {
          // Damaged pages or key bytes lmdb-js cannot decode: the rest of the range is lost.
          this.unreadable(`${prefix}*`, error);
          return;
        }
        if (step.done) return;
        const { key, value } = step.value;
        // Only strings are written: another key type means its bytes were damaged.
        if (typeof key !== 'string') {
          this.drop(inspect(key), 'decode', 'the key is not a string', key);
          continue;
        }
        if (!key.startsWith(prefix)) return;
        const decoded = decodeRecord(key, value);
        if (decoded.ok) {
          yielded++;
          yield { key, value: decoded.value as T };
        } else {
          this.drop(key, decoded.reason, decoded.detail);
        }
      }
    } finally {
      iterator.return?.();
    }
  }

  /** `stored`: the key as lmdb-js decoded it, when that is not the string reported. */
  private drop(key: string, reason: StoreDrop['reason'], detail: string, stored: Key = key): void {
    if (this.dropping.has(key)) return;
    this.dropping.add(key);
    this.context.report({ db: this.name, key, reason, detail });
    if (this.context.readOnly) return;
    // Removes whatever the key holds when the write runs. Had it been rewritten since the
    // read, that costs one cache miss, never wrong data. A failed removal is retried the
    // next time the record is read.
    const settled = () => this.dropping.delete(key);
    try {
      this.db.remove(stored as string).then(settled, settled);
    } catch {
      // lmdb-js cannot encode this damaged key back: it stays, reported again next session.
    }
  }

  /** A read failed: damage LMDB reports is not the caller's fault, anything else (a bad key) is. */
  private fault(key: string, error: unknown): undefined {
    if (!isLmdbCorruption(error)) throw error;
    return this.unreadable(key, error);
  }

  /** Damage the open-time check did not see. */
  private unreadable(key: string, error: unknown): undefined {
    this.context.report({ db: this.name, key, reason: 'decode', detail: `LMDB could not read it: ${errorMessage(error)}` });
    return undefined;
  }
}
