import { posix } from 'node:path';
import picomatch from 'picomatch';
import { isLegacyDefaultTest } from './patterns.js';
import type { ShellWord } from '@aqe/kernel/runner-kit';

/** The index's files and the directories they imply (the index lists files only). */
export interface IndexLayout {
  files: ReadonlySet<string>;
  dirs: ReadonlySet<string>;
}

export function indexLayout(files: readonly string[]): IndexLayout {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let cut = file.lastIndexOf('/'); cut > 0; cut = file.lastIndexOf('/', cut - 1)) {
      const dir = file.slice(0, cut);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  return { files: new Set(files), dirs };
}

/**
 * What sh passes to Node: an unquoted word with glob characters becomes the paths it
 * matches (`*` stays within a segment, `**` is just `*`, dot files need an explicit dot), or
 * stays as written when it matches nothing; any other word is passed as it is.
 */
export function shellExpand(words: readonly ShellWord[], layout: IndexLayout): string[] {
  const out: string[] = [];
  for (const { text, quoted } of words) {
    const pattern = relativePath(text);
    if (quoted || !picomatch.scan(text).isGlob || pattern === undefined) {
      out.push(text);
      continue;
    }
    const isMatch = picomatch(posixBrackets(pattern), { dot: false, noglobstar: true, nobrace: true, noextglob: true });
    const matches = [...layout.files, ...layout.dirs].filter((path) => isMatch(path)).sort();
    out.push(...(matches.length > 0 ? matches : [text]));
  }
  return out;
}

/**
 * Node 20: each argument is a path. A file runs whatever its name; a directory is walked
 * with the default rules (patterns.ts), counting as a test directory when it is named
 * `test`. A path the index does not hold (missing, or ignored by git) adds nothing.
 */
export function legacyArgTests(args: readonly string[], layout: IndexLayout, rootName: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const path = relativePath(arg);
    if (path === undefined) continue;
    if (layout.files.has(path)) {
      out.push(path);
    } else if (path === '.' || layout.dirs.has(path)) {
      const prefix = path === '.' ? '' : `${path}/`;
      const underTestDir = (path === '.' ? rootName : posix.basename(path)) === 'test';
      for (const file of layout.files) if (file.startsWith(prefix) && isLegacyDefaultTest(file.slice(prefix.length), underTestDir)) out.push(file);
    }
  }
  return out;
}

/** Node 21+: each argument is a glob for Node's own glob (minimatch rules: no dot files unless spelt out). */
export function globArgTests(args: readonly string[], layout: IndexLayout): string[] {
  const matchers = args.map(relativePath).flatMap((pattern) => (pattern === undefined ? [] : [picomatch(posixBrackets(pattern), { dot: false })]));
  return [...layout.files].filter((file) => matchers.some((isMatch) => isMatch(file)));
}

/** A path or pattern relative to the root, POSIX; undefined when it points outside the root. */
function relativePath(text: string): string | undefined {
  const path = posix.normalize(text).replace(/\/+$/, '') || '.';
  return path.startsWith('/') || path === '..' || path.startsWith('../') ? undefined : path;
}

/** `[!x]` is the POSIX bracket negation; picomatch only reads `[^x]`. */
function posixBrackets(pattern: string): string {
  return pattern.replace(/\[!/g, '[^');
}
