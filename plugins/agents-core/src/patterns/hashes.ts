import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StoreDatabase } from '@aqe/kernel';

/**
 * The content hash the kernel recorded in `history` for this run (kernel/src/run/history.ts:
 * `test:<id>` holds a list of outcomes, `file:<runner>\0<file>` one), else the file's
 * current hash when the project root is known.
 */
export function runHash(history: StoreDatabase<unknown>, historyKey: string, root: string | undefined, file: string): string | null {
  const value = history.get(historyKey) as { hash?: string | null } | { hash?: string | null }[] | undefined;
  const last = Array.isArray(value) ? value.at(-1) : value;
  if (last && typeof last.hash === 'string') return last.hash;
  return root ? hashFile(join(root, file)) : null;
}

/** Jest's and Vitest's default snapshot file of a test file. */
export function snapshotHash(root: string | undefined, file: string): string | null {
  return root ? hashFile(join(root, dirname(file), '__snapshots__', `${basename(file)}.snap`)) : null;
}

function hashFile(path: string): string | null {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch {
    return null;
  }
}
