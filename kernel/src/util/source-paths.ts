import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultFile } from '../types/results.js';

/** `path` relative to `root` with "/" separators when it lies inside `root`, else undefined. */
export function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** The real path, or the path itself when it cannot be resolved (missing, no permission). */
export function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * A file a framework reported by absolute path, as results name it: relative to the project
 * root, also when the framework gives the real path of a root reached through a symlink.
 */
export function resultFileOf(root: string, realRoot: string, path: string): ResultFile {
  const file = relativeInside(root, path) ?? relativeInside(realRoot, path) ?? path.split(sep).join('/');
  return { root, file, paths: new Set([path, join(root, file), join(realRoot, file)]) };
}

/** A path as it appears in a stack frame (file URL, absolute, or relative to `root`), made absolute. */
export function stackFramePath(token: string, root: string): string {
  if (token.startsWith('file://')) {
    try {
      return fileURLToPath(token);
    } catch {
      return token;
    }
  }
  return isAbsolute(token) ? token : resolve(root, token);
}
