import type { GlobOptions } from 'tinyglobby';

type GlobFs = NonNullable<GlobOptions['fs']>;

interface Entry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * A read-only file system made from the kernel's file index, for tinyglobby: Vitest's own
 * glob engine then runs over the index instead of walking the tree a second time. Only
 * `readdirSync(dir, { withFileTypes: true })` is needed (the index holds no symlinked
 * directories, so tinyglobby never stats or resolves a link).
 */
export function indexFs(root: string, files: readonly string[]): GlobFs {
  const dirs = new Map<string, Map<string, boolean>>();
  const add = (dir: string, name: string, isDirectory: boolean) => {
    const entries = dirs.get(dir);
    if (entries) entries.set(name, isDirectory);
    else dirs.set(dir, new Map([[name, isDirectory]]));
  };
  const top = root.replace(/\\/g, '/').replace(/(.)\/$/, '$1');
  // The root's ancestors list only the way down to it, so a pattern that climbs out of a
  // project dir ("../shared/**") still reaches indexed files and nothing else.
  for (let child = top, parent = parentOf(top); parent !== null; child = parent, parent = parentOf(parent)) add(parent, child.slice(child.lastIndexOf('/') + 1), true);
  for (const file of files) {
    let dir = top;
    let start = 0;
    for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', start)) {
      const name = file.slice(start, slash);
      add(dir, name, true);
      dir = dir === '/' ? `/${name}` : `${dir}/${name}`;
      start = slash + 1;
    }
    add(dir, file.slice(start), false);
  }
  const readdirSync = (path: string): Entry[] => {
    const entries = dirs.get(path.length > 1 ? path.replace(/\/+$/, '') : path);
    if (!entries) throw Object.assign(new Error(`ENOENT: no such directory in the file index, '${path}'`), { code: 'ENOENT' });
    return [...entries].map(([name, isDirectory]) => ({ name, isFile: () => !isDirectory, isDirectory: () => isDirectory, isSymbolicLink: () => false }));
  };
  // Node's overloaded readdirSync type cannot be met by a one-signature function; tinyglobby calls only this form.
  return { readdirSync } as unknown as GlobFs;
}

function parentOf(dir: string): string | null {
  if (dir === '/' || !dir.includes('/')) return null;
  const cut = dir.lastIndexOf('/');
  return cut === 0 ? '/' : dir.slice(0, cut);
}
