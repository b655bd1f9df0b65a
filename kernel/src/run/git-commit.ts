import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The commit HEAD points at, read from .git without spawning git (a run records it
 * once). Null outside a git repository or when HEAD cannot be resolved (packed refs
 * are read; worktrees and other exotic layouts give null rather than a wrong answer).
 */
export function currentCommit(root: string): string | null {
  try {
    const head = readFileSync(join(root, '.git', 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return null;
    try {
      return readFileSync(join(root, '.git', ref), 'utf8').trim();
    } catch {
      const packed = readFileSync(join(root, '.git', 'packed-refs'), 'utf8');
      const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
      return line ? line.slice(0, 40) : null;
    }
  } catch {
    return null;
  }
}
