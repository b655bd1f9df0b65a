import type { DatabaseName, Store, StoreDatabase } from '@aqe/kernel';

/** Typed access to the kernel's store, which the worker opened once (memory-mapped, shared with the kernel). */
export class MemoryStrategy {
  private current: Store | undefined;

  bind(store: Store): void {
    this.current = store;
  }

  get store(): Store {
    if (!this.current) throw new Error('the store is only available while the agent runs a task (or in init())');
    return this.current;
  }

  /** A named database, its values typed as T: `memory.db<Signature>('patterns')`. */
  db<T>(name: DatabaseName): StoreDatabase<T> {
    return this.store.db<T>(name);
  }
}
