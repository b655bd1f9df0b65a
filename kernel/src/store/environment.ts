import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, RootDatabase } from 'lmdb';
import { lmdb } from './native-modules.js';
import { ErrorCodes, StoreError } from '../errors.js';
import type { DatabaseName } from '../types/store.js';

export const DATABASE_NAMES: readonly DatabaseName[] = ['meta', 'index', 'history', 'patterns', 'results'];

/** Values are raw bytes: records are framed and checked by record-codec, not by lmdb-js. */
export type RawDatabase = Database<Buffer, string>;
export type Root = RootDatabase<Buffer, string>;

export interface Environment {
  root: Root;
  databases: Record<DatabaseName, RawDatabase>;
}

/**
 * Maps the environment without reading any tree: only call it once checkHeader() has
 * accepted the directory. The named databases are looked up in the main tree, so they
 * come later, from openDatabases(), once checkTrees() has accepted that too.
 */
export function openRoot(path: string, readOnly: boolean): Root {
  // lmdb-js would create the directory before failing; a reader must not leave one behind.
  if (readOnly && !existsSync(join(path, 'data.mdb'))) {
    throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `store ${path} does not exist`, 'Open it read-write first (any aqe command does), or check storeDir');
  }
  // Room for the five databases plus a few added by later versions without a format change.
  return lmdb().open<Buffer, string>({ path, maxDbs: 12, readOnly });
}

export function openDatabases(root: Root, path: string): Environment {
  const databases = {} as Record<DatabaseName, RawDatabase>;
  for (const name of DATABASE_NAMES) {
    const db = root.openDB<Buffer, string>(name, { encoding: 'binary' });
    // A read-only environment cannot create a database; lmdb-js returns nothing then.
    if (!db) {
      throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `store ${path} has no "${name}" database`, 'Open it read-write once (any aqe command does) so it is initialised');
    }
    databases[name] = db;
  }
  return { root, databases };
}
