import type * as Lmdb from 'lmdb';
import type * as Msgpackr from 'msgpackr';
import { lazyRequire } from '../util/lazy.js';

// lmdb's CommonJS build is one file where its ES entry is dozens, which costs ~15 ms more
// to load; msgpackr is then shared with lmdb's copy instead of being loaded twice (once
// per module system). None of them is needed by a kernel that keeps its store in memory
// (`aqe discover --no-cache`); node:zlib is here for crc32.
export const lmdb = lazyRequire<typeof Lmdb>('lmdb');
export const msgpackr = lazyRequire<typeof Msgpackr>('msgpackr');
export const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib');
