import type { RunResult, StoreDatabase } from '@aqe/kernel';
import { historyFileKey, historyTestKey } from '@aqe/kernel/store';
import type { PatternBank } from './bank.js';
import { runHash, snapshotHash } from './hashes.js';
import type { Outcome, PendingFailure } from './records.js';
import { isSnapshotFailure } from './rules.js';

/**
 * Learns from every test (and file) of a run that passed after failing before: what
 * changed between the failure and the pass tells what resolved it.
 * - the snapshot file (or, for inline snapshots, the test file) changed after a snapshot failure → snapshot update
 * - the test file is unchanged → it passed on a re-run: flaky (or an environment that recovered)
 * - the test file changed → fixed by a code change
 * Cached files were not run, so they teach nothing.
 */
export function learnFromRun(bank: PatternBank, result: RunResult, history: StoreDatabase<unknown>, root: string | undefined): void {
  for (const file of result.files) {
    if (file.status === 'cached') continue;
    if (!file.error) resolve(bank, file.file, file.file, historyFileKey(file.runner, file.file), history, root);
    for (const test of file.tests) {
      if (test.status === 'passed') resolve(bank, test.id, test.file, historyTestKey(test.id), history, root);
    }
  }
}

function resolve(bank: PatternBank, testId: string, file: string, historyKey: string, history: StoreDatabase<unknown>, root: string | undefined): void {
  const pending = bank.pending(testId);
  if (!pending) return;
  const outcome = outcomeOf(bank, pending, runHash(history, historyKey, root, file), snapshotHash(root, file));
  if (outcome) bank.addOutcome(pending.signature, outcome);
  bank.setPending(testId, null);
}

function outcomeOf(bank: PatternBank, pending: PendingFailure, hash: string | null, snapshot: string | null): Outcome | undefined {
  const record = bank.get(pending.signature);
  if (!record) return undefined;
  const codeChanged = hash !== pending.hash;
  if (isSnapshotFailure(record) && (snapshot !== pending.snapshot || codeChanged)) return 'fixed_by_snapshot_update';
  if (hash === null || pending.hash === null) return undefined;
  return codeChanged ? 'fixed_by_code_change' : 'passed_on_rerun';
}
