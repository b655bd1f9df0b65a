import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestFileResult, TestStatus } from '../types/results.js';
import type { Store } from '../types/store.js';

/** One recorded outcome of a test; the raw material of flaky detection and the result cache. */
export interface TestOutcome {
  status: TestStatus;
  durationMs: number;
  /** sha1 of the test file's content when it ran. */
  hash: string | null;
  /** Milliseconds since epoch. Stored, never printed in deterministic output. */
  at: number;
  commit: string | null;
  retries: number;
}

interface FileOutcome {
  durationMs: number;
  status: TestFileResult['status'];
  hash: string | null;
  at: number;
}

/** Outcomes kept per test: enough to see a flake, bounded so the store does not grow forever. */
const HISTORY_LIMIT = 50;

/** Keys of the `history` database, shared with agents that read it (`@aqe/kernel/store`). */
export const HISTORY_TEST_PREFIX = 'test:';
export const testKey = (id: string) => `${HISTORY_TEST_PREFIX}${id}`;
export const fileKey = (runner: string, file: string) => `file:${runner}\0${file}`;

export function contentHash(root: string, file: string): string | null {
  try {
    return createHash('sha1')
      .update(readFileSync(join(root, file)))
      .digest('hex');
  } catch {
    return null;
  }
}

/** Appends a finished file's outcomes to the store's `history` database. */
export async function recordFile(store: Store, root: string, result: TestFileResult, commit: string | null, at: number): Promise<void> {
  const db = store.db<unknown>('history');
  const hash = contentHash(root, result.file);
  const writes: Promise<void>[] = [db.put(fileKey(result.runner, result.file), { durationMs: result.durationMs, status: result.status, hash, at } satisfies FileOutcome)];
  for (const test of result.tests) {
    const previous = (db.get(testKey(test.id)) as TestOutcome[] | undefined) ?? [];
    const next: TestOutcome = { status: test.status, durationMs: test.durationMs, hash, at, commit, retries: test.retries };
    writes.push(db.put(testKey(test.id), [...previous, next].slice(-HISTORY_LIMIT)));
  }
  await Promise.all(writes);
}

/** Recorded file durations for one runner, for --shard balancing. */
export function fileDurations(store: Store, runner: string, files: readonly string[]): Map<string, number> {
  const db = store.db<FileOutcome>('history');
  const out = new Map<string, number>();
  for (const file of files) {
    const rec = db.get(fileKey(runner, file));
    if (rec && typeof rec.durationMs === 'number') out.set(file, rec.durationMs);
  }
  return out;
}
