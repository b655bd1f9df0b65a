import type { Store } from '../types/store.js';
import { contentHash } from './history.js';

interface FallbackRecord {
  /** sha1 of the file's content when the accelerator could not load it. */
  hash: string;
  /** The runner that ran it instead. */
  runner: string;
}

const key = (accelerator: string, file: string) => `fallback\0${accelerator}\0${file}`;

/**
 * Which files an accelerator could not load, kept in the store's `history` database per file
 * and content hash: an unchanged file goes straight to the fallback runner, a changed one is
 * given to the accelerator again.
 */
export class FallbackMemory {
  private readonly hashes = new Map<string, string | null>();

  constructor(
    private readonly store: Store,
    private readonly root: string,
    private readonly accelerator: string,
  ) {}

  /** True when the file, as it is now, did not load in the accelerator last time. */
  needsFallback(file: string): boolean {
    const record = this.store.db<FallbackRecord>('history').get(key(this.accelerator, file));
    return record !== undefined && record.hash === this.hash(file);
  }

  async remember(file: string, runner: string): Promise<void> {
    const hash = this.hash(file);
    if (hash !== null) await this.store.db<FallbackRecord>('history').put(key(this.accelerator, file), { hash, runner });
  }

  /** The accelerator loaded the file: forget an older record so it is not consulted again. */
  async forget(file: string): Promise<void> {
    const db = this.store.db<FallbackRecord>('history');
    if (db.get(key(this.accelerator, file)) !== undefined) await db.remove(key(this.accelerator, file));
  }

  private hash(file: string): string | null {
    if (!this.hashes.has(file)) this.hashes.set(file, contentHash(this.root, file));
    return this.hashes.get(file)!;
  }
}
