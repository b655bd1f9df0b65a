import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Recovery {
  movedTo: string;
  reason: string;
}

const LOCK_POLL_MS = 25;
/** A rename and a mkdir take milliseconds; a lock older than this was left by a stuck process. */
const LOCK_TIMEOUT_MS = 10_000;

/** Which directory sits at `path` (a replaced one has another inode). */
export function identity(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat && `${stat.dev}:${stat.ino}`;
}

/**
 * Renames the damaged environment to `<path>.corrupt-<n>` (kept for inspection) and leaves
 * an empty directory. Other processes may find the same damage at the same moment: a lock
 * file serialises them, and one that finds `path` no longer holding the directory it
 * judged (`judged`, from identity()) leaves the replacement alone and returns undefined.
 */
export function moveAside(path: string, reason: string, judged: string | undefined): Recovery | undefined {
  if (identity(path) !== judged) return undefined;
  let n = 1;
  while (existsSync(`${path}.corrupt-${n}`)) n++;
  const movedTo = `${path}.corrupt-${n}`;
  renameSync(path, movedTo);
  mkdirSync(path, { recursive: true });
  return { movedTo, reason };
}

/**
 * Opening (checks, mapping, creating) and recovering are serialised across processes by a
 * lock file beside the store: a process that maps an environment while another renames or
 * creates it can die of SIGBUS. Opening takes milliseconds, so the wait is short. Where the
 * lock cannot be created at all (a read-only filesystem), the open goes on without it.
 */
export async function withStoreLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  let release: (() => void) | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    release = await acquireLock(`${path}.recovering`);
  } catch {
    release = undefined;
  }
  try {
    return await work();
  } finally {
    release?.();
  }
}

async function acquireLock(lockPath: string): Promise<() => void> {
  for (let waited = 0; ; waited += LOCK_POLL_MS) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // The holder died mid-recovery or hangs: the identity check keeps a second mover harmless.
    if (holderIsGone(lockPath) || waited >= LOCK_TIMEOUT_MS) rmSync(lockPath, { force: true });
    else await sleep(LOCK_POLL_MS);
  }
}

function holderIsGone(lockPath: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath, 'utf8'));
  } catch {
    return false; // released meanwhile: just try again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false; // created, pid not written yet
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
