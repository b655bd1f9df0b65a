import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCodes, errorMessage, StoreError } from '../errors.js';
import type { Store, StoreDrop } from '../types/store.js';
import { DATABASE_NAMES, type Environment, openEnvironment } from './environment.js';
import { isLmdbCorruption } from './lmdb-errors.js';
import { LmdbStore } from './lmdb-store.js';
import { identity, moveAside, type Recovery } from './recover.js';
import { checkEnvironment } from './validate-env.js';

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
const SETTLE_ATTEMPTS = 8;

/**
 * Opens the store. An environment LMDB could not read safely (damaged, truncated, not
 * LMDB at all) is moved aside and a fresh one created: a corrupt store costs the cached
 * data, never the process.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const path = resolve(options.path);
  const readOnly = options.readOnly ?? false;
  let recovered = await recoverIfDamaged(path, readOnly);
  let opened = tryOpen(path, readOnly);
  if (opened instanceof Error && !readOnly && !recovered && isLmdbCorruption(opened)) {
    // LMDB refused a file the structural check accepted: same remedy, once.
    recovered = await moveAsideOrFail(path, errorMessage(opened), identity(path));
    opened = tryOpen(path, readOnly);
  }
  if (opened instanceof Error) throw openFailed(path, opened);
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

async function recoverIfDamaged(path: string, readOnly: boolean): Promise<Recovery | undefined> {
  const judged = identity(path);
  let reason: string | undefined;
  try {
    reason = await damage(path);
  } catch (error) {
    throw openFailed(path, error);
  }
  if (reason === undefined) return undefined;
  if (readOnly) {
    throw new StoreError(ErrorCodes.STORE_CORRUPT, `the aqe store at ${path} is damaged: ${reason}`, 'Open it read-write once (any aqe command does) to move it aside and start a fresh one');
  }
  return moveAsideOrFail(path, reason, judged);
}

/**
 * Why the environment is damaged, or undefined. A defect is believed once seen twice
 * alike: a single sighting may be a page another process reused or a meta page caught
 * mid-write. One that keeps changing is believed too: better a lost cache than a crash.
 */
async function damage(path: string): Promise<string | undefined> {
  let previous: string | undefined;
  for (let attempt = 1; attempt <= SETTLE_ATTEMPTS; attempt++) {
    const verdict = checkEnvironment(path);
    if (verdict.state === 'ok') return undefined;
    if (verdict.reason === previous) return previous;
    previous = verdict.reason;
    await sleep(10 * attempt);
  }
  return previous;
}

async function moveAsideOrFail(path: string, reason: string, judged: string | undefined): Promise<Recovery | undefined> {
  try {
    return await moveAside(path, reason, judged);
  } catch (error) {
    throw new StoreError(ErrorCodes.STORE_OPEN_FAILED, `the aqe store at ${path} is damaged (${reason}) and could not be moved aside: ${errorMessage(error)}`, `Delete ${path} (it only holds caches and history)`, { cause: error });
  }
}

function tryOpen(path: string, readOnly: boolean): Environment | Error {
  try {
    return openEnvironment(path, readOnly);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
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
