import type { Store } from '@aqe/kernel';
import { HISTORY_TEST_PREFIX as TEST_PREFIX } from '@aqe/kernel/store';
import type { RecordedOutcome, TestHistory } from './find-suspects.js';

/** Every test's recorded outcomes, in key order; records of an unexpected shape are skipped. */
export function readTestHistories(store: Store): TestHistory[] {
  const out: TestHistory[] = [];
  for (const { key, value } of store.db<unknown>('history').range({ prefix: TEST_PREFIX })) {
    if (!Array.isArray(value)) continue;
    const outcomes = value.filter(isOutcome);
    if (outcomes.length > 0) out.push({ testId: key.slice(TEST_PREFIX.length), outcomes });
  }
  return out;
}

function isOutcome(value: unknown): value is RecordedOutcome {
  const o = value as RecordedOutcome | null;
  return typeof o === 'object' && o !== null && typeof o.status === 'string' && (typeof o.hash === 'string' || o.hash === null);
}
