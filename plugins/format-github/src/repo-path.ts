import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * GitHub places an annotation by its path from the repository root, while aqe's paths
 * are relative to the project root (`--cwd`), which in a monorepo may be a folder of
 * the repository. This finds that folder once: the nearest ancestor with a `.git`.
 * Outside a repository, paths are left as they are.
 */
export function repoPathPrefix(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return toPosix(relative(dir, cwd));
    if (dirname(dir) === dir) return '';
  }
}

/** A result path (relative to cwd, or absolute) as a path from the repository root. */
export function repoPath(cwd: string, prefix: string, file: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (isAbsolute(rel) || rel.startsWith('..')) return toPosix(file);
  const posix = toPosix(rel);
  return prefix ? `${prefix}/${posix}` : posix;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
