// Writes oclif.manifest.json the way `oclif manifest` does: load the root plugin with
// ignoreManifest so that every command module is imported once and its metadata cached.
// Only @oclif/core is used, so the build needs no `oclif` dev package and its large
// dependency tree. With the manifest, `aqe --help` and `aqe <cmd>` import one command, not all.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin, settings } from '@oclif/core';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, 'oclif.manifest.json');

// The manifest describes the compiled commands in dist/, never TypeScript sources,
// whatever NODE_ENV the build runs under.
settings.enableAutoTranspile = false;
// A stale manifest must not be what the plugin loads from.
await rm(file, { force: true });

const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
await plugin.load();

const ids = Object.keys(plugin.manifest.commands);
if (ids.length === 0) {
  console.error(`no commands found under ${join(root, 'dist/commands')}: build the CLI first (npx tsc -b)`);
  process.exit(1);
}
await writeFile(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`wrote ${file} (${ids.length} commands: ${ids.sort().join(', ')})`);
