import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every export of every public entry of @aqe/kernel is documented on its page in docs/api/:
// a plugin author reads the docs, not the source.
const root = fileURLToPath(new URL('../..', import.meta.url));
const kernel = join(root, 'kernel');
const ENTRIES: { entry: string; source: string; built: string; page: string }[] = [
  { entry: '@aqe/kernel', source: 'src/index.ts', built: 'dist/index.js', page: 'kernel.md' },
  { entry: '@aqe/kernel/runner-kit', source: 'src/runner-kit/index.ts', built: 'dist/runner-kit/index.js', page: 'runner-kit.md' },
  { entry: '@aqe/kernel/store', source: 'src/store-entry.ts', built: 'dist/store-entry.js', page: 'store.md' },
  { entry: '@aqe/kernel/cache', source: 'src/cache-entry.ts', built: 'dist/cache-entry.js', page: 'cache.md' },
  { entry: '@aqe/kernel/run', source: 'src/run-entry.ts', built: 'dist/run-entry.js', page: 'run.md' },
  { entry: '@aqe/kernel/head-start', source: 'src/head-start-entry.ts', built: 'dist/head-start-entry.js', page: 'head-start.md' },
  { entry: '@aqe/kernel/event-channel', source: 'src/event-channel.cts', built: 'dist/event-channel.cjs', page: 'event-channel.md' },
];

/** Type names an entry re-exports by name (`export { type X }`, `export type { X }`), and, for the root, every type of the contract. */
function typeNames(source: string): string[] {
  const text = readFileSync(join(kernel, source), 'utf8');
  const names = [...text.matchAll(/export type \{([^}]*)\}/g), ...text.matchAll(/export \{([^}]*)\}/g)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.startsWith('type ') || m[0].startsWith('export type'))
      .map((part) =>
        part
          .replace(/^type /, '')
          .split(' as ')
          .at(-1)!
          .trim(),
      ),
  );
  if (text.includes("export type * from './types/index.js'")) {
    for (const file of ['agents', 'cache', 'capabilities', 'config', 'flaky', 'hooks', 'kernel', 'plugin', 'results', 'store']) {
      const types = readFileSync(join(kernel, 'src/types', `${file}.ts`), 'utf8');
      names.push(...[...types.matchAll(/^export (?:interface|type) ([A-Za-z]+)/gm)].map((m) => m[1]!));
    }
  }
  return names.filter(Boolean);
}

describe('docs/api covers every export of every kernel entry', () => {
  it.each(ENTRIES)('$entry', async ({ source, built, page }) => {
    const doc = readFileSync(join(root, 'docs/api', page), 'utf8');
    const mod = built.endsWith('.cjs') ? createRequire(import.meta.url)(join(kernel, built)) : await import(pathToFileURL(join(kernel, built)).href);
    const values = Object.keys(mod).filter((name) => name !== 'default');
    const missing = [...values, ...typeNames(source)].filter((name) => !doc.includes(`\`${name}`) && !doc.includes(` ${name}`) && !doc.includes(`${name}\``));
    expect(missing, `not on docs/api/${page}`).toEqual([]);
  });
});
