// Bundles each plugin package's entry into dist/index.bundle.js (its `exports` target).
// Every aqe command imports all the preset's plugins: as ~90 small modules they cost
// ~70 ms of module resolution and linking on a 2-core machine, bundled ~25 ms. Lazy
// `import()`s stay lazy (chunks beside the bundle), and the chunks live in dist/ itself so
// `new URL('./config-child.js', import.meta.url)` still finds the files tsc emitted there.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
// Dependencies stay external: resolved from node_modules at run time, as before bundling.
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

// `node scripts/bundle-plugins.mjs runner-jest …` bundles only the named plugins (a quick rebuild while working on one).
const only = process.argv.slice(2);
for (const name of readdirSync(join(root, 'plugins'))
  .sort()
  .filter((n) => only.length === 0 || only.includes(n))) {
  const dist = join(root, 'plugins', name, 'dist');
  // Chunk names carry content hashes: old ones would pile up.
  for (const file of readdirSync(dist)) if (/\.bundle\.js(\.map)?$/.test(file)) rmSync(join(dist, file));
  await build({
    input: { 'index.bundle': join(dist, 'index.js') },
    platform: 'node',
    external,
    logLevel: 'warn',
    output: { dir: dist, format: 'esm', chunkFileNames: '[name]-[hash].bundle.js' },
  });
}
