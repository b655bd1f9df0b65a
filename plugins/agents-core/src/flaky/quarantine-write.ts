import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlakyReport, QuarantineEntry, QuarantineFile } from '@aqe/kernel';
import { loadQuarantine, QUARANTINE_FILE } from '@aqe/kernel/run';

/**
 * Adds entries to the list, keeping every entry already there (a hand-written reason and
 * its original date stay as they are), sorted by id so the committed file diffs cleanly.
 */
export function mergeQuarantine(existing: QuarantineFile | null, additions: readonly QuarantineEntry[]): { file: QuarantineFile; added: string[] } {
  const byId = new Map((existing?.tests ?? []).map((t) => [t.id, t]));
  const added: string[] = [];
  for (const entry of additions) {
    if (byId.has(entry.id)) continue;
    byId.set(entry.id, entry);
    added.push(entry.id);
  }
  const tests = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { file: { version: 1, tests: tests.map((t) => ({ id: t.id, file: t.file, titlePath: t.titlePath, reason: t.reason, since: t.since })) }, added: added.sort() };
}

/** Writes `aqe.quarantine.json` at the project root with the additions merged in; nothing new leaves the file as it is. */
export async function writeQuarantine(root: string, additions: readonly QuarantineEntry[]): Promise<NonNullable<FlakyReport['quarantine']>> {
  const { file, added } = mergeQuarantine(await loadQuarantine(root), additions);
  if (added.length > 0) await writeFile(join(root, QUARANTINE_FILE), `${JSON.stringify(file, null, 2)}\n`);
  return { file: QUARANTINE_FILE, added, total: file.tests.length };
}

/** The date a test was quarantined on, in UTC, for people reading the file. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
