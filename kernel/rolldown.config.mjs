// The kernel ships as one ES module (plus lazily loaded chunks): every `aqe` command
// imports it, and on a 2-core machine resolving and linking ~60 small modules cost
// tens of milliseconds of a warm `aqe discover` that must beat `jest --listTests` by 3×.
// Dependencies stay external (lmdb is native; the rest are resolved from node_modules).
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: 'dist/index.js',
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  output: { dir: 'dist/bundle', format: 'esm', sourcemap: true },
});
