import { ErrorCodes, StoreError } from '../errors.js';
import type { DatabaseName, Store, StoreDatabase, StoreHealth, StoreRangeOptions } from '../types/store.js';
import { DATABASE_NAMES } from './environment.js';

/**
 * A store that lives and dies with one kernel: nothing is read from disk or written to it,
 * and LMDB is never loaded. For runs that must neither use nor change what earlier runs
 * kept (`aqe discover --no-cache`). Values are copied in and out, as the LMDB store's
 * encoding copies them, so a caller cannot change a stored record by holding on to it.
 */
export class MemoryStore implements Store {
  readonly path = ':memory:';
  readonly #databases = new Map<DatabaseName, MemoryDatabase<unknown>>(DATABASE_NAMES.map((name) => [name, new MemoryDatabase(name, () => this.#assertOpen())]));
  #closed = false;

  db<T = unknown>(name: DatabaseName): StoreDatabase<T> {
    this.#assertOpen();
    const db = this.#databases.get(name);
    if (!db) throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `the in-memory aqe store has no database "${name}"`, `Use one of: ${DATABASE_NAMES.join(', ')}`);
    return db as StoreDatabase<T>;
  }

  health(): StoreHealth {
    this.#assertOpen();
    const entries = Object.fromEntries(DATABASE_NAMES.map((name) => [name, this.#databases.get(name)!.count()])) as Record<DatabaseName, number>;
    return { path: this.path, ok: true, drops: [], entries };
  }

  /** Nothing is ever decoded from disk, so nothing is dropped. */
  onDrop(): () => void {
    return () => {};
  }

  async flushed(): Promise<void> {
    this.#assertOpen();
  }

  refresh(): void {
    this.#assertOpen();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreError(ErrorCodes.STORE_CLOSED, 'the in-memory aqe store is closed', 'Use it only before kernel.dispose()');
  }
}

class MemoryDatabase<T> implements StoreDatabase<T> {
  readonly #records = new Map<string, T>();

  constructor(
    readonly name: DatabaseName,
    private readonly assertOpen: () => void,
  ) {}

  get(key: string): T | undefined {
    this.assertOpen();
    const value = this.#records.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  async put(key: string, value: T): Promise<void> {
    this.assertOpen();
    this.#records.set(key, structuredClone(value));
  }

  async remove(key: string): Promise<boolean> {
    this.assertOpen();
    return this.#records.delete(key);
  }

  *range(options: StoreRangeOptions = {}): Iterable<{ key: string; value: T }> {
    this.assertOpen();
    const keys = [...this.#records.keys()].filter((key) => options.prefix === undefined || key.startsWith(options.prefix)).sort();
    for (const key of keys.slice(0, options.limit ?? keys.length)) yield { key, value: structuredClone(this.#records.get(key)!) };
  }

  async clear(): Promise<void> {
    this.assertOpen();
    this.#records.clear();
  }

  count(): number {
    this.assertOpen();
    return this.#records.size;
  }
}
