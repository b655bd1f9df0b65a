/** What resolved a failure, learned when its test next passed. */
export type Outcome = 'passed_on_rerun' | 'fixed_by_code_change' | 'fixed_by_snapshot_update';

/** `patterns` `sig:<id>`: one normalised failure and everything learned about it. */
export interface SignatureRecord {
  id: string;
  errorType: string;
  template: string;
  frame?: string;
  /** MinHash sketch of the signature's text, stored so a worker loads the match index without recomputing it. */
  sketch: number[];
  occurrences: number;
  outcomes: Partial<Record<Outcome, number>>;
  /** Test ids this failure was seen in, sorted, at most TESTS_KEPT. */
  tests: string[];
}

/** `patterns` `test:<testId>`: the last failure of a test, waiting for what resolves it. */
export interface PendingFailure {
  signature: string;
  /** Content hash of the test file when it failed (from the run history). */
  hash: string | null;
  /** Content hash of its snapshot file then, null when there was none. */
  snapshot: string | null;
}

/** `patterns` `meta:count` and `ord:<n>`: signatures in the order they were first seen, so a worker's index catches up in O(new). */
export interface CountRecord {
  count: number;
}

export interface OrdinalRecord {
  id: string;
}

export const TESTS_KEPT = 20;
export const sigKey = (id: string) => `sig:${id}`;
export const testKey = (testId: string) => `test:${testId}`;
export const ordKey = (n: number) => `ord:${String(n).padStart(10, '0')}`;
export const COUNT_KEY = 'meta:count';
