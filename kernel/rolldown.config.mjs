// The kernel ships as one ES module (plus lazily loaded chunks): every `aqe` command
// imports it, and on a 2-core machine resolving and linking ~60 small modules cost
// tens of milliseconds of a warm `aqe discover` that must beat `jest --listTests` by 3×.
// Dependencies stay external (lmdb is native; the rest are resolved from node_modules).
import { rmSync } from 'node:fs';
import { defineConfig } from 'rolldown';

// Chunk names carry content hashes: clear the old ones so stale chunks never pile up in the package.
rmSync('dist/bundle', { recursive: true, force: true });

export default defineConfig({
  // `store` is the store alone, for agent worker threads (`@aqe/kernel/store`); shared code becomes a chunk.
  input: { index: 'dist/index.js', store: 'dist/store-entry.js', 'head-start': 'dist/head-start-entry.js', 'runner-kit': 'dist/runner-kit/index.js', cache: 'dist/cache-entry.js', run: 'dist/run-entry.js' },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  output: { dir: 'dist/bundle', format: 'esm', sourcemap: true },
});
