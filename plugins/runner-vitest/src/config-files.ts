import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Vitest's own lists (vitest/src/constants.ts), in its search order.
const CONFIG_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
export const CONFIG_NAMES = ['vitest.config', 'vite.config'].flatMap((name) => CONFIG_EXTENSIONS.map((ext) => name + ext));
/** Vitest 1–3 read projects from a workspace file; Vitest 4 ignores these. */
export const WORKSPACE_NAMES = ['vitest.workspace', 'vitest.projects'].flatMap((name) => [...CONFIG_EXTENSIONS, '.json'].map((ext) => name + ext));

/**
 * The config file Vitest loads when run in `root` without --config: the first name found in
 * the root, else in the nearest parent directory that has one (Vitest searches upwards).
 */
export function findConfigFile(root: string): string | undefined {
  for (let dir = root, parent = dirname(dir); ; dir = parent, parent = dirname(dir)) {
    const name = CONFIG_NAMES.find((candidate) => existsSync(join(dir, candidate)));
    if (name) return join(dir, name);
    if (parent === dir) return undefined;
  }
}
