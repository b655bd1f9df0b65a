import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Version of a package as Node would resolve it from `root` (node_modules here, then in
 * each parent), read from its package.json without importing it: detect must stay cheap.
 */
export function installedVersion(root: string, name: string): string | undefined {
  for (let dir = root, parent = dirname(dir); ; dir = parent, parent = dirname(dir)) {
    try {
      const { version } = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
      if (typeof version === 'string') return version;
    } catch {
      // Not installed at this level: look one up.
    }
    if (parent === dir) return undefined;
  }
}
