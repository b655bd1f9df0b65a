/** Named databases inside the one LMDB environment. */
export type DatabaseName = 'meta' | 'index' | 'history' | 'patterns' | 'results';

/** Why a record or an environment was dropped; surfaced by `aqe doctor` and commands. */
export interface StoreDrop {
  db: DatabaseName | '*';
  key: string;
  reason: 'checksum' | 'version' | 'decode' | 'environment';
  detail: string;
}

export interface StoreRangeOptions {
  /** Only keys starting with this prefix. */
  prefix?: string;
  limit?: number;
}

/** One named database. Values are msgpack-encoded, versioned and checksummed records. */
export interface StoreDatabase<T = unknown> {
  readonly name: DatabaseName;
  /** Returns undefined for a missing key and for a record that failed its checks (which is dropped). */
  get(key: string): T | undefined;
  put(key: string, value: T): Promise<void>;
  remove(key: string): Promise<boolean>;
  /** Entries in key order; records that fail their checks are skipped and dropped. */
  range(options?: StoreRangeOptions): Iterable<{ key: string; value: T }>;
  clear(): Promise<void>;
  count(): number;
}

export interface StoreHealth {
  path: string;
  ok: boolean;
  /** Set when the environment could not be opened and was moved aside. */
  recovered?: { movedTo: string; reason: string };
  drops: readonly StoreDrop[];
  entries: Record<DatabaseName, number>;
}

export interface Store {
  readonly path: string;
  db<T = unknown>(name: DatabaseName): StoreDatabase<T>;
  health(): StoreHealth;
  /** Called for every record or environment the store drops. */
  onDrop(listener: (drop: StoreDrop) => void): () => void;
  /** Waits for pending writes to be durable. */
  flushed(): Promise<void>;
  /**
   * Drops this thread's read snapshot, so the next read sees every write committed so far.
   * lmdb-js keeps a snapshot until the thread's next timer tick, which a pooled agent thread
   * blocked between tasks never reaches: the agent pool calls this at the start of each task.
   */
  refresh(): void;
  close(): Promise<void>;
}
