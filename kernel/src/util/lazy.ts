import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `make()`'s value, made on the first call and kept. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * A module loaded on first call, not with the kernel: every aqe command imports the kernel,
 * and some of what it can use costs milliseconds to load that most commands never spend
 * (lmdb and msgpackr ~30 ms, node:child_process ~5 ms, node:zlib and node:worker_threads ~3 ms).
 */
export function lazyRequire<T>(id: string): () => T {
  return lazy(() => require(id) as T);
}
