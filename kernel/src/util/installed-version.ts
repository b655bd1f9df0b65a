import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Version of a package as Node would resolve it from the project root: the nearest
 * node_modules/<name>/package.json walking up (workspaces hoist to an ancestor).
 * Read directly rather than through require.resolve so nothing of the package loads.
 */
export function installedVersion(root: string, name: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
      if (typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not installed at this level: keep walking up.
    }
    if (dirname(dir) === dir) return undefined;
  }
}
