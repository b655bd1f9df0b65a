import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds an installed package's root by walking node_modules upward from `from`, the way
 * Node resolves bare specifiers. Reading package.json directly avoids depending on the
 * package's `exports` map exposing it.
 */
export function findPackageRoot(name: string, from: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
