import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store, StoreDatabase } from '../types/store.js';
import { ALWAYS_IGNORED, type IgnoreLink, isIgnored, link } from './ignore-chain.js';

/** One directory as last read. */
interface DirRecord {
  /** Directory mtime when read; adding, removing or renaming an entry changes it. */
  m: number;
  /** Signature of every .gitignore from the root down to here, so a rule change re-reads. */
  c: string;
  /**
   * Entry names joined by "\n", directories suffixed with "/", sorted so a depth-first
   * walk yields sorted paths. One string, not an array: decoding thousands of records
   * on every warm walk is the hot path, and one string per record decodes fastest.
   */
  e: string;
  /** Names of the entries in `e` that are symbolic links to files, joined by "\n". */
  l: string;
}

export interface FileIndexOptions {
  root: string;
  /** Without a store (or with cache false) every directory is read. */
  store?: Store;
  cache?: boolean;
}

export interface FileIndex {
  /** Relative POSIX paths of every non-ignored file, sorted. */
  files: string[];
  /** Changes whenever the file set changes; keys caches of anything derived from it. */
  fingerprint: string;
  /**
   * The files that are symbolic links (a subset of `files`): Jest's crawler leaves them
   * out unless `haste.enableSymlinks`, and the walk already knows them, so runners need
   * not lstat every candidate.
   */
  symlinks: ReadonlySet<string>;
  stats: { dirs: number; reread: number };
}

/**
 * One walk of the tree honouring .gitignore files. Each directory's filtered listing is
 * kept in the store's `index` database with its mtime, so a warm call stats directories
 * and re-reads only those that changed.
 */
export function indexFiles(options: FileIndexOptions): FileIndex {
  const db = options.store && options.cache !== false ? options.store.db<DirRecord>('index') : undefined;
  const snapshots = db as StoreDatabase<Snapshot> | undefined;
  const snapshotKey = `snap:${options.root}`;
  const snapshot = snapshots?.get(snapshotKey);
  if (snapshot && snapshotHolds(options.root, snapshot)) return fromSnapshot(snapshot);
  const walked = walk(options, db);
  if (snapshots) void snapshots.put(snapshotKey, walked.snapshot);
  return walked.index;
}

function walk(options: FileIndexOptions, db: StoreDatabase<DirRecord> | undefined): { index: FileIndex; snapshot: Snapshot } {
  const files: string[] = [];
  const links: string[] = [];
  const dirLines: string[] = [];
  const stats = { dirs: 0, reread: 0 };
  const prefix = `dir:${options.root}\0`;
  const visit = (rel: string, chain: IgnoreLink[], chainSig: string) => {
    const abs = rel === '' ? options.root : join(options.root, rel);
    let mtime: number;
    try {
      mtime = statSync(abs).mtimeMs;
    } catch {
      return;
    }
    stats.dirs++;
    const key = prefix + rel;
    const record = db?.get(key);
    const fresh = record && record.m === mtime && typeof record.e === 'string' && typeof record.l === 'string';
    let entries = fresh ? split(record!.e) : undefined;
    let linkNames = fresh ? split(record!.l) : [];
    const hasIgnore = entries ? entries.includes('.gitignore') : undefined;
    const own = gitignoreSig(abs, hasIgnore);
    const sig = own ? `${chainSig}|${rel}:${own}` : chainSig;
    const nextChain = own ? [...chain, link(options.root, rel)] : chain;
    dirLines.push(`${rel}\t${mtime}\t${own}`);
    if (!record || !entries || record.c !== sig) {
      stats.reread++;
      const listing = readDir(abs, rel, nextChain);
      entries = listing.entries;
      linkNames = listing.links;
      if (db) void db.put(key, { m: mtime, c: sig, e: entries.join('\n'), l: linkNames.join('\n') });
    }
    for (const name of linkNames) links.push(rel === '' ? name : `${rel}/${name}`);
    for (const entry of entries) {
      if (entry.endsWith('/')) {
        const name = entry.slice(0, -1);
        visit(rel === '' ? name : `${rel}/${name}`, nextChain, sig);
      } else {
        files.push(rel === '' ? entry : `${rel}/${entry}`);
      }
    }
  };
  visit('', [], '');
  const snapshot: Snapshot = { d: dirLines.join('\n'), f: files.join('\n'), l: links.join('\n') };
  return { index: { files, fingerprint: fingerprintOf(snapshot), symlinks: new Set(links), stats }, snapshot };
}

/**
 * The whole last walk in one record: every directory with its mtime and own .gitignore
 * stamp, and the file list. When nothing changed — the common warm case — checking it
 * costs one stat per directory and no per-directory decoding at all.
 */
interface Snapshot {
  /** One line per directory: `rel \t mtime \t own .gitignore stamp ('' for none)`. */
  d: string;
  f: string;
  /** The files that are symbolic links, one path per line. */
  l: string;
}

function snapshotHolds(root: string, snapshot: Snapshot): boolean {
  if (typeof snapshot.d !== 'string' || typeof snapshot.f !== 'string' || typeof snapshot.l !== 'string') return false;
  for (const line of snapshot.d.split('\n')) {
    const [rel, mtime, own] = line.split('\t') as [string, string, string];
    const abs = rel === '' ? root : join(root, rel);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st || String(st.mtimeMs) !== mtime) return false;
    if (own !== '' && gitignoreSig(abs, true) !== own) return false;
  }
  return true;
}

function fromSnapshot(snapshot: Snapshot): FileIndex {
  const dirs = snapshot.d === '' ? 0 : snapshot.d.split('\n').length;
  return { files: split(snapshot.f), fingerprint: fingerprintOf(snapshot), symlinks: new Set(split(snapshot.l)), stats: { dirs, reread: 0 } };
}

// Every change to the file set changes some directory's mtime or .gitignore stamp, so the
// directory lines fingerprint the set without hashing 10k paths.
function fingerprintOf(snapshot: Snapshot): string {
  return createHash('sha1').update(snapshot.d).digest('hex');
}

function split(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}

/** size:mtime of a directory's .gitignore, or '' when it has none. `known` skips the stat when the listing says there is none. */
function gitignoreSig(dir: string, known: boolean | undefined): string {
  if (known === false) return '';
  try {
    // No throw for the usual missing file: an exception per directory costs more than the stat.
    const st = statSync(join(dir, '.gitignore'), { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}` : '';
  } catch {
    // Unreadable (a directory without search permission): treated as no .gitignore, as before.
    return '';
  }
}

/** A directory's kept entries (sorted, directories suffixed "/") and which of them are symlinked files. */
function readDir(abs: string, rel: string, chain: IgnoreLink[]): { entries: string[]; links: string[] } {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(abs, { withFileTypes: true });
  } catch {
    return { entries: [], links: [] };
  }
  const out: string[] = [];
  const links: string[] = [];
  for (const d of dirents) {
    if (ALWAYS_IGNORED.has(d.name)) continue;
    const isDir = d.isDirectory() || (d.isSymbolicLink() && isDirLink(join(abs, d.name)));
    // Symlinked directories are not followed: they can loop, and Jest's crawler skips them too.
    if (d.isSymbolicLink() && isDir) continue;
    if (!isDir && !d.isFile() && !d.isSymbolicLink()) continue;
    const childRel = rel === '' ? d.name : `${rel}/${d.name}`;
    if (chain.length > 0 && isIgnored(chain, childRel, isDir)) continue;
    out.push(isDir ? `${d.name}/` : d.name);
    if (!isDir && d.isSymbolicLink()) links.push(d.name);
  }
  return { entries: out.sort(), links: links.sort() };
}

function isDirLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
