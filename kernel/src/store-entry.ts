// `@aqe/kernel/store`: the store alone, for agent worker threads. Loading the whole kernel
// in every worker doubled a pooled thread's memory and most of its cold start.
export type { DatabaseName, Store, StoreDatabase, StoreDrop, StoreHealth, StoreRangeOptions } from './types/store.js';
export { type OpenStoreOptions, openStore } from './store/index.js';
export { fileKey as historyFileKey, HISTORY_TEST_PREFIX, testKey as historyTestKey } from './run/history.js';
