import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Walking every page of the environment on open costs time in proportion to the store
 * (tens of milliseconds at tens of megabytes), on every command. A clean close records
 * the data file's size and mtime; the next open skips the walk when the file is exactly
 * as this code left it. Any other change — another tool, a crash mid-write, bytes
 * flipped or a truncation by hand — changes size or mtime, and the full walk runs.
 */
const STAMP = 'verified.json';

function current(path: string): string | undefined {
  const st = statSync(join(path, 'data.mdb'), { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}` : undefined;
}

export function isVerified(path: string): boolean {
  try {
    const stamp = readFileSync(join(path, STAMP), 'utf8');
    return stamp !== '' && stamp === current(path);
  } catch {
    return false;
  }
}

/** After a clean close of a read-write environment. Best effort: without it the next open walks. */
export function markVerified(path: string): void {
  const stamp = current(path);
  try {
    if (stamp) writeFileSync(join(path, STAMP), stamp);
  } catch {
    // A read-only filesystem or a vanished directory: the next open just walks.
  }
}
