import { markVerified } from './verified-stamp.js';
import { ErrorCodes, errorMessage, StoreError } from '../errors.js';
import type { DatabaseName, Store, StoreDatabase, StoreDrop, StoreHealth } from '../types/store.js';
import { LmdbDatabase, type StoreContext } from './database.js';
import { DATABASE_NAMES, type Environment } from './environment.js';
import type { Recovery } from './recover.js';

/** Bounded so that a badly damaged store cannot grow memory without limit. */
const MAX_KEPT_DROPS = 1000;

export class LmdbStore implements Store, StoreContext {
  private closing: Promise<void> | undefined;
  private readonly listeners = new Set<(drop: StoreDrop) => void>();
  private readonly drops: StoreDrop[] = [];
  private readonly databases = new Map<DatabaseName, LmdbDatabase<unknown>>();

  constructor(
    readonly path: string,
    private readonly env: Environment,
    readonly readOnly: boolean,
    private readonly recovered: Recovery | undefined,
  ) {
    for (const name of DATABASE_NAMES) this.databases.set(name, new LmdbDatabase(name, env.databases[name], this));
  }

  db<T = unknown>(name: DatabaseName): StoreDatabase<T> {
    this.assertOpen();
    const db = this.databases.get(name);
    if (!db) throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `the aqe store at ${this.path} has no database "${name}"`, `Use one of: ${DATABASE_NAMES.join(', ')}`);
    return db as StoreDatabase<T>;
  }

  /** ok: nothing was dropped this session (a recovery reports an environment drop). */
  health(): StoreHealth {
    this.assertOpen();
    const entries = Object.fromEntries(DATABASE_NAMES.map((name) => [name, this.databases.get(name)!.count()])) as Record<DatabaseName, number>;
    return { path: this.path, ok: this.drops.length === 0, ...(this.recovered ? { recovered: { ...this.recovered } } : {}), drops: [...this.drops], entries };
  }

  onDrop(listener: (drop: StoreDrop) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  report(drop: StoreDrop): void {
    if (this.drops.length === MAX_KEPT_DROPS) this.drops.shift();
    this.drops.push(drop);
    for (const listener of this.listeners) {
      try {
        listener(drop);
      } catch (error) {
        // A read must not throw because a listener did.
        process.emitWarning(`aqe store: an onDrop listener threw: ${errorMessage(error)}`);
      }
    }
  }

  async flushed(): Promise<void> {
    this.assertOpen();
    await this.env.root.flushed;
  }

  refresh(): void {
    this.assertOpen();
    this.env.root.resetReadTxn();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  assertOpen(): void {
    if (this.closing) throw new StoreError(ErrorCodes.STORE_CLOSED, `the aqe store at ${this.path} is closed`, 'Open it again with openStore(), or use it only before kernel.dispose()');
  }

  assertWritable(): void {
    this.assertOpen();
    if (this.readOnly) throw new StoreError(ErrorCodes.STORE_READ_ONLY, `the aqe store at ${this.path} was opened read-only`, 'Open it without readOnly to write');
  }

  private async shutdown(): Promise<void> {
    // Queued writes (including removals of dropped records) commit and reach the disk
    // first; the environment is released even if that fails.
    try {
      await this.env.root.flushed;
    } finally {
      await this.env.root.close();
    }
    if (!this.readOnly) markVerified(this.path);
  }
}
