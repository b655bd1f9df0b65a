import { resolve } from 'node:path';
import { ErrorCodes, errorMessage, StoreError } from '../errors.js';
import type { Store, StoreDrop } from '../types/store.js';
import { DATABASE_NAMES, type Environment, openDatabases, openRoot, type Root } from './environment.js';
import { isLmdbCorruption } from './lmdb-errors.js';
import { LmdbStore } from './lmdb-store.js';
import { identity, moveAside, type Recovery, withStoreLock } from './recover.js';
import { checkHeader, checkTrees, type EnvVerdict } from './validate-env.js';
import { isVerified } from './verified-stamp.js';

export interface OpenStoreOptions {
  /** Directory of the LMDB environment; created when missing (unless readOnly). */
  path: string;
  /** Only reads: a missing or damaged store is then an error, as repairing it would write. */
  readOnly?: boolean;
  /** Registered before opening, so it also hears about an environment moved aside. */
  onDrop?: (drop: StoreDrop) => void;
}

const SCHEMA_KEY = 'schema';
const SCHEMA_VERSION = 1;

/**
 * Opens the store. An environment LMDB could not read safely (damaged, truncated, not
 * LMDB at all) is moved aside and a fresh one created: a corrupt store costs the cached
 * data, never the process.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const path = resolve(options.path);
  const readOnly = options.readOnly ?? false;
  const { opened, recovered } = await withStoreLock(path, async () => {
    let opened = await openChecked(path, readOnly);
    let recovered: Recovery | undefined;
    if ('damage' in opened) {
      if (readOnly) {
        throw new StoreError(ErrorCodes.STORE_CORRUPT, `the aqe store at ${path} is damaged: ${opened.damage}`, 'Open it read-write once (any aqe command does) to move it aside and start a fresh one');
      }
      recovered = moveAsideOrFail(path, opened.damage, opened.judged);
      opened = await openChecked(path, readOnly);
      if ('damage' in opened) throw openFailed(path, new Error(`a fresh environment failed its checks too: ${opened.damage}`));
    }
    return { opened, recovered };
  });
  const store = new LmdbStore(path, opened, readOnly, recovered);
  if (options.onDrop) store.onDrop(options.onDrop);
  if (recovered) store.report({ db: '*', key: '', reason: 'environment', detail: `${recovered.reason}; moved to ${recovered.movedTo}` });
  try {
    await checkSchema(store, readOnly);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** `judged`: which directory the damage was found in (see recover.ts). */
type Damage = { damage: string; judged: string | undefined };

/**
 * Opens the environment only as far as each check allows: meta pages; then every tree,
 * with a read transaction pinning the snapshot; then the named databases. What LMDB
 * itself reports as damage counts as damage; other failures are AQE_STORE_OPEN_FAILED.
 */
async function openChecked(path: string, readOnly: boolean): Promise<Environment | Damage> {
  const judged = identity(path);
  let root: Root | undefined;
  try {
    const header = checkHeader(path);
    if (header.state === 'corrupt') return { damage: header.reason, judged };
    const verified = isVerified(path);
    root = openRoot(path, readOnly);
    if (verified) return openDatabases(root, path);
    const txn = root.useReadTransaction();
    let trees: EnvVerdict;
    try {
      trees = checkTrees(path);
    } finally {
      txn.done();
    }
    if (trees.state === 'ok') return openDatabases(root, path);
    await root.close();
    return { damage: trees.reason, judged };
  } catch (error) {
    await root?.close();
    if (isLmdbCorruption(error)) return { damage: errorMessage(error), judged };
    throw openFailed(path, error);
  }
}

function moveAsideOrFail(path: string, reason: string, judged: string | undefined): Recovery | undefined {
  try {
    return moveAside(path, reason, judged);
  } catch (error) {
    throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `the aqe store at ${path} is damaged (${reason}) and could not be moved aside: ${errorMessage(error)}`, `Delete ${path} (it only holds caches and history)`, { cause: error });
  }
}

function openFailed(path: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError(ErrorCodes.STORE_OPEN_FAILED, `could not open the aqe store at ${path}: ${errorMessage(error)}`, 'Check permissions and free disk space, or delete the directory (it only holds caches and history)', { cause: error });
}

/**
 * Records of another schema may mean something else; all of them can be rebuilt from
 * their sources, so a read-write open clears them rather than misread them.
 */
async function checkSchema(store: LmdbStore, readOnly: boolean): Promise<void> {
  const meta = store.db<{ version?: unknown }>('meta');
  const found = meta.get(SCHEMA_KEY)?.version;
  if (found === SCHEMA_VERSION || (readOnly && found === undefined)) return;
  if (readOnly) {
    throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `the aqe store at ${store.path} has schema ${String(found)}, this aqe reads ${SCHEMA_VERSION}`, 'Open it read-write once (any aqe command does) to reset it');
  }
  if (found !== undefined) {
    await Promise.all(DATABASE_NAMES.map((name) => store.db(name).clear()));
    store.report({ db: '*', key: SCHEMA_KEY, reason: 'version', detail: `schema ${String(found)} was written by another aqe version, this one uses ${SCHEMA_VERSION}: all records cleared` });
  }
  await meta.put(SCHEMA_KEY, { version: SCHEMA_VERSION });
}
