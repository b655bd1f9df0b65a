// `@aqe/kernel/cache`: the result cache's helpers for cache-backend plugins and the CLI's
// `aqe cache` commands — keys, statistics, eviction, and the timeout a remote tier wraps
// its calls in. Documented in docs/api/cache.md.
export { cacheStats, explainCacheKey, removeEntries } from './cache/admin.js';
export { type CacheKeyer, type CacheKeyerOptions, type CacheKeyRequest, createCacheKeyer } from './cache/key/index.js';
export { checkPut, checkTtl } from './cache/put-args.js';
export { TimeoutError, withTimeout } from './util/with-timeout.js';
