import { createRequire } from 'node:module';
import type * as Lmdb from 'lmdb';
import type * as Msgpackr from 'msgpackr';

// lmdb's CommonJS build is one file where its ES entry is dozens, which costs ~15 ms more
// to load; msgpackr is then shared with lmdb's copy instead of being loaded twice (once
// per module system).
const require = createRequire(import.meta.url);

let lmdbModule: typeof Lmdb | undefined;
let msgpackrModule: typeof Msgpackr | undefined;

/**
 * Loaded on first use, not with the kernel (~30 ms with msgpackr on this machine): a
 * kernel that keeps its store in memory (`aqe discover --no-cache`) never needs it.
 */
export function lmdb(): typeof Lmdb {
  lmdbModule ??= require('lmdb') as typeof Lmdb;
  return lmdbModule;
}

let zlibModule: typeof import('node:zlib') | undefined;

/** For crc32: node:zlib costs ~3 ms to load, and a kernel with its store in memory frames no records. */
export function zlib(): typeof import('node:zlib') {
  zlibModule ??= require('node:zlib') as typeof import('node:zlib');
  return zlibModule;
}

export function msgpackr(): typeof Msgpackr {
  msgpackrModule ??= require('msgpackr') as typeof Msgpackr;
  return msgpackrModule;
}
