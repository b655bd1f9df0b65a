import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a cached result was derived from: size and mtime to check cheaply, the content hash to decide. */
export interface InputStamp {
  path: string;
  size: number;
  mtimeMs: number;
  sha1: string | null;
}

export function stampInputs(root: string, paths: readonly string[]): InputStamp[] {
  return [...new Set(paths)].sort().map((path) => stamp(root, path));
}

/**
 * True when every input still has the content it had. A changed size or mtime alone does
 * not invalidate (a checkout rewrites files with new mtimes): the content hash decides.
 */
export function inputsUnchanged(root: string, stamps: readonly InputStamp[]): boolean {
  for (const s of stamps) {
    let st: { size: number; mtimeMs: number } | undefined;
    try {
      st = statSync(join(root, s.path));
    } catch {
      st = undefined;
    }
    if (!st) {
      if (s.sha1 !== null) return false;
      continue;
    }
    if (st.size === s.size && st.mtimeMs === s.mtimeMs) continue;
    if (hash(join(root, s.path)) !== s.sha1) return false;
  }
  return true;
}

function stamp(root: string, path: string): InputStamp {
  try {
    const st = statSync(join(root, path));
    return { path, size: st.size, mtimeMs: st.mtimeMs, sha1: hash(join(root, path)) };
  } catch {
    return { path, size: -1, mtimeMs: -1, sha1: null };
  }
}

function hash(file: string): string | null {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}
