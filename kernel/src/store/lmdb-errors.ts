/**
 * LMDB reports a damaged file through these codes (and the OS through EISDIR/ENOTDIR
 * when the store path is not laid out as an environment). Anything else (permissions,
 * disk full, too many readers) is not fixed by moving the store aside.
 */
const CORRUPTION = /MDB_(INVALID|CORRUPTED|VERSION_MISMATCH|PAGE_NOTFOUND|INCOMPATIBLE|BAD_TXN|BAD_VALSIZE|BAD_DBI)|Is a directory|Not a directory/;

export function isLmdbCorruption(error: unknown): boolean {
  return error instanceof Error && CORRUPTION.test(error.message);
}
