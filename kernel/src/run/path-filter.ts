import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export interface PathFilter {
  matches(file: string): boolean;
  /** The filters that matched none of `files`, as the user wrote them. */
  unmatched(files: readonly string[]): string[];
  /** Why nothing matched, naming the filters (and those that are not paths at all). */
  describe(cwd: string): string;
}

/**
 * `aqe run` positional filters, as Vitest's are: a filter matches a test file whose path
 * (relative to the project root) contains it, so a file, a directory or any part of a name
 * works; an absolute path is taken relative to the root first.
 */
export function pathFilter(cwd: string, paths: readonly string[] | undefined): PathFilter {
  const filters = (paths ?? []).map((raw) => ({ raw, clean: normalise(cwd, raw) }));
  const one = (clean: string, file: string) => clean === '' || file.includes(clean);
  return {
    matches: (file) => filters.length === 0 || filters.some((f) => one(f.clean, file)),
    unmatched: (files) => filters.filter((f) => !files.some((file) => one(f.clean, file))).map((f) => f.raw),
    describe(root) {
      const named = filters.map((f) => (existsSync(resolve(root, f.raw)) ? `"${f.raw}"` : `"${f.raw}" (no such file or directory)`));
      return `no test file matches ${named.join(', ')}`;
    },
  };
}

function normalise(cwd: string, raw: string): string {
  let path = raw;
  if (isAbsolute(path)) path = relative(cwd, path);
  // A trailing slash stays: 'src/math/' means the directory, not src/math.test.ts.
  path = path
    .split(sep)
    .join('/')
    .replace(/^(\.\/)+/, '');
  return path === '.' || path === './' ? '' : path;
}
