import { delimiter, dirname, join } from 'node:path';
import { isExecutable } from '@aqe/kernel/runner-kit';

export const BUN_INSTALL_HINT = 'Install it with `npm install --save-dev bun` (or see https://bun.sh)';
/** Said when no bun binary is found; names no path, so a notice built from it reads the same on every machine. */
export const BUN_MISSING = 'bun is not installed (no node_modules/.bin/bun in the project or above it, no bun on PATH)';

/** The project's bun (node_modules/.bin, from the root up), else bun on PATH. */
export function findBun(root: string): string | undefined {
  const names = process.platform === 'win32' ? ['bun.exe', 'bun.cmd', 'bun'] : ['bun'];
  for (let dir = root; ; dir = dirname(dir)) {
    for (const name of names) {
      const candidate = join(dir, 'node_modules', '.bin', name);
      if (isExecutable(candidate)) return candidate;
    }
    if (dirname(dir) === dir) break;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}
