import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** Extensions tried for a specifier without one: the union of Node's, Vite's and Jest's defaults. */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

/** A `.js` specifier may name a TypeScript source (TypeScript's own rule under NodeNext/Bundler). */
const SOURCE_FOR: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * The files an absolute path names as a module: the file itself; else, for `x.js`, `x.ts` /
 * `x.tsx`; else `x` with each extension; else `x/index` with each. Where several extensions
 * exist, all count: runners prefer different ones, and an extra input only costs a re-run.
 */
export function probeFile(path: string): string[] {
  if (isFile(path)) return [path];
  const ext = extname(path);
  const mapped = (SOURCE_FOR[ext] ?? []).map((source) => path.slice(0, -ext.length) + source).filter(isFile);
  if (mapped.length > 0) return mapped;
  const withExt = EXTENSIONS.map((e) => path + e).filter(isFile);
  if (withExt.length > 0) return withExt;
  return EXTENSIONS.map((e) => join(path, `index${e}`)).filter(isFile);
}

/**
 * A `*` glob (a dynamic `import()` of a template literal) in the last path segment: every
 * file of that directory matching it. Globs spanning directories name nothing.
 */
export function probeGlob(path: string): string[] {
  const dir = dirname(path);
  if (dir.includes('*')) return [];
  const pattern = basename(path);
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const matcher = new RegExp(`^${parts.join('.*')}$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => matcher.test(name))
    .sort()
    .flatMap((name) => probeFile(join(dir, name)));
}
