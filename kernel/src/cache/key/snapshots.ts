import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Snapshot files a test compares against: a test reads them at run time without importing
 * them, so without this a restored or edited `.snap` would be served a stale pass.
 * Jest, Vitest and Bun keep `__snapshots__/<test file>.snap` beside the test; Playwright
 * keeps `<test file>-snapshots/`. Only files that exist count: a snapshot the run writes
 * for the first time changes the key once, on the next run.
 */
export function snapshotFiles(testFile: string): string[] {
  const dir = dirname(testFile);
  const base = basename(testFile);
  return [join(dir, '__snapshots__', `${base}.snap`), ...listFiles(join(dir, `${base}-snapshots`))];
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}
