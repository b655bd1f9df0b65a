import { createRequire } from 'node:module';
import type * as Lmdb from 'lmdb';
import type * as Msgpackr from 'msgpackr';

// Every aqe command opens the store. lmdb's CommonJS build is one file where its ES entry
// is dozens, which costs ~15 ms more to load; msgpackr is then shared with lmdb's copy
// instead of being loaded twice (once per module system).
const require = createRequire(import.meta.url);

export const lmdb = require('lmdb') as typeof Lmdb;
export const msgpackr = require('msgpackr') as typeof Msgpackr;
