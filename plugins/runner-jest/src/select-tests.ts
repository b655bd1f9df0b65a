import { sep } from 'node:path';
import { escapeForRegex, testNameMatcher, testPathMatcher } from './patterns.js';
import type { JestProjectOptions } from './protocol.js';

/** jest-haste-map always leaves version-control metadata out of its crawl. */
const VCS_DIRECTORIES = ['.git', '.hg', '.sl'].map((dir) => escapeForRegex(`${sep}${dir}${sep}`)).join('|');

/** The index's files and which of them are symbolic links. */
export interface IndexedFiles {
  files: readonly string[];
  symlinks: ReadonlySet<string>;
}

/**
 * The test files of one Jest project among the kernel's file index, decided as Jest does,
 * against absolute paths: jest-haste-map's crawl (files under `roots` whose extension is
 * a moduleFileExtension or "snap", pruned by modulePathIgnorePatterns and an in-project
 * cacheDirectory, symlinks left out unless haste.enableSymlinks), then SearchSource's
 * filters (testMatch / testRegex, then testPathIgnorePatterns as one regex).
 */
export function selectTestFiles(root: string, index: IndexedFiles, project: JestProjectOptions): string[] {
  const roots = [...new Set(project.roots)].map((dir) => (dir.endsWith(sep) ? dir : dir + sep));
  const extensions = new Set(['snap', ...project.moduleFileExtensions]);
  const cacheInside = project.cacheDirectory.startsWith(project.rootDir + sep) ? [project.cacheDirectory] : [];
  const crawlIgnore = new RegExp([...project.modulePathIgnorePatterns, ...cacheInside, VCS_DIRECTORIES].join('|'));
  const reached = crawledDirectory(roots, crawlIgnore);
  const isTestName = testNameMatcher(project.testMatch, project.testRegex);
  const isTestPath = isTestName ? undefined : testPathMatcher(project.testMatch, project.testRegex);
  const ignored = project.testPathIgnorePatterns.length > 0 ? new RegExp(project.testPathIgnorePatterns.join('|')) : undefined;
  const out: string[] = [];
  // Runs once per file of the repository, mostly before V8 has optimised it: the cheap
  // tests on the name come first, what depends on the directory alone is decided once per
  // directory (the index lists a directory's files together), and the absolute path is
  // built only for what is left, by concatenation (path.join costs ~4 µs a file).
  const prefix = root.endsWith(sep) ? root : root + sep;
  let dir: string | undefined;
  let dirAbs = '';
  let dirReached = false;
  for (const rel of index.files) {
    const slash = rel.lastIndexOf('/');
    const name = rel.slice(slash + 1);
    // path.extname's answer for a file name (it differs only for "..", not a file name).
    const dot = name.lastIndexOf('.');
    if (!extensions.has(dot > 0 ? name.slice(dot + 1) : '')) continue;
    if (isTestName && !isTestName(name)) continue;
    const relDir = slash === -1 ? '' : rel.slice(0, slash);
    if (relDir !== dir) {
      dir = relDir;
      dirAbs = relDir === '' ? prefix : `${prefix}${sep === '/' ? relDir : relDir.replaceAll('/', sep)}${sep}`;
      dirReached = reached(dirAbs);
    }
    if (!dirReached) continue;
    const abs = dirAbs + name;
    if (crawlIgnore.test(abs) || (isTestPath && !isTestPath(abs)) || ignored?.test(abs)) continue;
    if (!project.enableSymlinks && index.symlinks.has(rel)) continue;
    out.push(rel);
  }
  return out;
}

/**
 * Whether the crawl from some root reaches a directory (given with a trailing separator):
 * it must lie under the root, and the ignore pattern prunes any directory below the root
 * whose path matches.
 */
function crawledDirectory(roots: readonly string[], ignore: RegExp): (dirWithSep: string) => boolean {
  const prunedDirs = new Map<string, boolean>();
  const pruned = (dir: string) => {
    let hit = prunedDirs.get(dir);
    if (hit === undefined) {
      hit = ignore.test(dir);
      prunedDirs.set(dir, hit);
    }
    return hit;
  };
  const fromRoot = (dirWithSep: string, crawlRoot: string) => {
    if (!dirWithSep.startsWith(crawlRoot)) return false;
    for (let i = dirWithSep.indexOf(sep, crawlRoot.length); i !== -1; i = dirWithSep.indexOf(sep, i + 1)) {
      if (pruned(dirWithSep.slice(0, i))) return false;
    }
    return true;
  };
  return (dirWithSep) => roots.some((crawlRoot) => fromRoot(dirWithSep, crawlRoot));
}
