import { resolve } from 'node:path';
import { type GlobOptions, globSync } from 'tinyglobby';

/**
 * Vitest's `globFiles` (TestProject): tinyglobby with dot files on and directories not
 * expanded, patterns relative to `cwd` and `exclude` as its ignore list — including its
 * pruning of a directory an exclude names, so `exclude: ['e2e']` drops `e2e/**`. Run over
 * `fs` (index-fs.ts) instead of the disk. Returns absolute paths, as Vitest does.
 */
export function globFiles(fs: GlobOptions['fs'], cwd: string, include: readonly string[], exclude: readonly string[]): string[] {
  return globSync(include, { cwd, ignore: exclude, dot: true, expandDirectories: false, fs }).map((file) => resolve(cwd, file));
}
