import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Store, StoreDatabase } from '../../types/store.js';
import { importSpecifiers, isParsed, PARSER_VERSION } from './parse-imports.js';

/** A file as last hashed: size, mtime and ctime decide whether the hash still holds. */
interface HashRecord {
  s: number;
  m: number;
  c: number;
  h: string;
}

export interface SourceFile {
  /** sha256 hex of the content. */
  hash: string;
  /** Module specifiers as written in the source (empty for files that are not parsed). */
  specifiers: readonly string[];
}

interface Known extends HashRecord {
  file: SourceFile;
}

/**
 * Content hashes and import lists of source files, kept in the store's `index` database:
 * the hash under the path (reused while size, mtime and ctime are unchanged), the import
 * list under the content hash (shared by identical files, and reused when an edit is
 * undone). A warm lookup costs one stat and two store reads; no file is read.
 */
export class SourceFiles {
  private readonly hashes: StoreDatabase<HashRecord>;
  private readonly imports: StoreDatabase<string[]>;
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly root: string,
    store: Store,
  ) {
    this.hashes = store.db<HashRecord>('index');
    this.imports = store.db<string[]>('index');
  }

  /** undefined when the path is not a readable file. */
  get(abs: string): SourceFile | undefined {
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile()) return undefined;
    const stamp = { s: st.size, m: st.mtimeMs, c: st.ctimeMs };
    const memo = this.known.get(abs);
    if (memo && same(memo, stamp)) return memo.file;
    const hashKey = `filehash\0${abs}`;
    const stored = this.hashes.get(hashKey);
    let hash = stored && same(stored, stamp) && typeof stored.h === 'string' ? stored.h : undefined;
    let source: Buffer | undefined;
    if (!hash) {
      try {
        source = readFileSync(abs);
      } catch {
        return undefined;
      }
      hash = createHash('sha256').update(source).digest('hex');
      write(this.hashes, hashKey, { ...stamp, h: hash });
    }
    const file = { hash, specifiers: isParsed(abs) ? this.specifiers(abs, hash, source) : [] };
    this.known.set(abs, { ...stamp, h: hash, file });
    return file;
  }

  private specifiers(abs: string, hash: string, source: Buffer | undefined): string[] {
    const key = `imports\0${PARSER_VERSION}\0${hash}`;
    const stored = this.imports.get(key);
    if (Array.isArray(stored)) return stored;
    let text: string;
    try {
      text = (source ?? readFileSync(abs)).toString('utf8');
    } catch {
      return [];
    }
    const specifiers = importSpecifiers(this.root, abs, text);
    write(this.imports, key, specifiers);
    return specifiers;
  }
}

function same(a: Omit<HashRecord, 'h'>, b: Omit<HashRecord, 'h'>): boolean {
  return a.s === b.s && a.m === b.m && a.c === b.c;
}

/** The cache is an optimisation: a read-only or closing store costs a re-hash next time, not the run. */
function write<T>(db: StoreDatabase<T>, key: string, value: T): void {
  db.put(key, value).catch(() => undefined);
}
