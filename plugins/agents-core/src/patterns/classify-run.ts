import type { FailureClassification, RunResult, Store } from '@aqe/kernel';
import { PatternBank } from './bank.js';
import { ACTIONS, verdictFor } from './classify.js';
import { failuresOf } from './failures.js';
import { runHash, snapshotHash } from './hashes.js';
import { learnFromRun } from './learn.js';
import type { SignatureRecord } from './records.js';
import { signatureOf } from './signature.js';

export interface ClassifierInput {
  result: RunResult;
  /** Absolute project directory: strips frame paths and finds snapshot files. The kernel passes it. */
  root?: string;
}

/** Neighbours must share at least this much of their text to lend their outcomes. */
const MIN_SIMILARITY = 0.5;
const NEIGHBOURS = 3;

/**
 * The failure-classifier's whole task: learn from what passed since it last failed,
 * count this run's failures in the bank, classify each, and remember it as pending.
 */
export async function classifyRun(store: Store, input: ClassifierInput): Promise<FailureClassification[]> {
  const bank = PatternBank.of(store);
  const history = store.db<unknown>('history');
  const root = input.root;
  try {
    learnFromRun(bank, input.result, history, root);
    const failures = failuresOf(input.result).map((failure) => {
      const signature = signatureOf(failure.error, root);
      bank.observe(signature, failure.testId);
      return { failure, signature };
    });
    const out = failures.map(({ failure, signature }): FailureClassification => {
      const record = bank.get(signature.id)!;
      const neighbours = bank
        .nearest(signature, NEIGHBOURS + 1, MIN_SIMILARITY)
        .filter((m) => m.id !== signature.id)
        .slice(0, NEIGHBOURS)
        .flatMap((match) => {
          const other = bank.get(match.id);
          return other ? [{ match, record: other as SignatureRecord }] : [];
        });
      const verdict = verdictFor(record, neighbours);
      bank.setPending(failure.testId, { signature: signature.id, hash: runHash(history, failure.historyKey, root, failure.file), snapshot: snapshotHash(root, failure.file) });
      return { testId: failure.testId, file: failure.file, class: verdict.class, confidence: verdict.confidence, signature: signature.id, reason: verdict.reason, action: ACTIONS[verdict.class] };
    });
    await bank.flush();
    return out;
  } catch (error) {
    bank.discard();
    throw error;
  }
}
