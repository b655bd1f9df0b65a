import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AqeError, ErrorCodes } from '@aqe/kernel';
import type { BunTestConfig } from './load-bunfig.js';
import { invalid } from './load-bunfig.js';
import { ignoreMatcher, testNameRules } from './patterns.js';

/**
 * The files `bun test` runs, taken from the kernel's file index the way Bun's Scanner
 * walks the disk: from `[test] root` (default: the project root) down, never entering a
 * directory whose name starts with "." or is node_modules (any case), keeping files whose
 * name passes testNameRules and whose path no pathIgnorePatterns glob matches.
 */
export function scanTestFiles(root: string, files: readonly string[], config: BunTestConfig): string[] {
  const { isJsLike, isTestName } = testNameRules(config.loaders);
  const base = scanBase(root, config.root);
  // A root that names a file runs that one file when it is JavaScript-like.
  if (base !== '' && files.includes(base)) return isJsLike(base.slice(base.lastIndexOf('/') + 1)) ? [base] : [];
  const prefix = base === '' ? '' : `${base}/`;
  const ignored = ignoredPaths(config.pathIgnorePatterns);
  const out: string[] = [];
  for (const rel of files) {
    if (!rel.startsWith(prefix)) continue;
    const dirs = rel.slice(prefix.length).split('/');
    const name = dirs.pop()!;
    if (dirs.some((dir) => dir.startsWith('.') || dir.toLowerCase() === 'node_modules')) continue;
    if (!isTestName(name) || ignored?.(prefix, dirs, rel)) continue;
    out.push(rel);
  }
  return out;
}

/** The scan root relative to the project root ('' for the root itself), checked as Bun checks it. */
function scanBase(root: string, configured: string | undefined): string {
  if (configured === undefined) return '';
  const abs = resolve(root, configured);
  if (!existsSync(abs)) throw invalid(`test.root "${configured}" does not exist`);
  const rel = relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new AqeError(ErrorCodes.DISCOVER_FAILED, `test.root "${configured}" in bunfig.toml is outside the project`, 'aqe lists files inside the project only: run it from a directory that contains the test root');
  }
  return rel.split(sep).join('/');
}

/** A file is ignored when its path or the path of a directory on the way down to it matches. */
function ignoredPaths(patterns: readonly string[]): ((prefix: string, dirs: string[], rel: string) => boolean) | undefined {
  const matches = ignoreMatcher(patterns);
  if (!matches) return undefined;
  const dirHits = new Map<string, boolean>();
  const dirIgnored = (dir: string) => {
    let hit = dirHits.get(dir);
    if (hit === undefined) {
      hit = matches(dir);
      dirHits.set(dir, hit);
    }
    return hit;
  };
  return (prefix, dirs, rel) => {
    let dir = prefix.slice(0, -1);
    for (const name of dirs) {
      dir = dir === '' ? name : `${dir}/${name}`;
      if (dirIgnored(dir)) return true;
    }
    return matches(rel);
  };
}
