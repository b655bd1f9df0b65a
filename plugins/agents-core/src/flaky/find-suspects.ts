import type { FlakyHunterInput, FlakySuspect } from '@aqe/kernel';

/** The part of a recorded outcome (kernel history, `test:<id>` keys) the analysis reads. */
export interface RecordedOutcome {
  status: string;
  /** sha1 of the test file when it ran; null when it could not be read. */
  hash: string | null;
  retries?: number;
}

export interface TestHistory {
  testId: string;
  /** Oldest first, as the kernel appends them. */
  outcomes: readonly RecordedOutcome[];
}

const DEFAULT_LIMIT = 100;
const SHOWN_STATUSES = 10;

/**
 * Tests whose outcome changed while their file did not. A flip is a passed↔failed change
 * between consecutive decisive runs (skipped and todo runs are stepped over) with the same
 * file content hash, or a pass that needed a retry (a flip inside one run). Changes across
 * an edit of the file are not evidence: the edit may have fixed or broken the test.
 */
export function findSuspects(histories: readonly TestHistory[], input: FlakyHunterInput = {}): FlakySuspect[] {
  const minFlips = Math.max(1, input.minFlips ?? 1);
  const limit = Math.max(0, input.limit ?? DEFAULT_LIMIT);
  const suspects: FlakySuspect[] = [];
  for (const history of histories) {
    const { file, titlePath } = splitTestId(history.testId);
    if (input.files && input.files.length > 0 && !inFiles(file, input.files)) continue;
    const suspect = analyse(history, file, titlePath);
    if (suspect && suspect.flips >= minFlips) suspects.push(suspect);
  }
  suspects.sort((a, b) => b.flips - a.flips || b.runs - a.runs || (a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : 0));
  return suspects.slice(0, limit);
}

function analyse(history: TestHistory, file: string, titlePath: string[]): FlakySuspect | null {
  const decisive = history.outcomes.filter((o) => o.status === 'passed' || o.status === 'failed');
  let switches = 0;
  for (let i = 1; i < decisive.length; i++) {
    const prev = decisive[i - 1]!;
    const cur = decisive[i]!;
    if (prev.status !== cur.status && prev.hash !== null && prev.hash === cur.hash) switches++;
  }
  const retried = decisive.filter((o) => o.status === 'passed' && (o.retries ?? 0) > 0).length;
  const flips = switches + retried;
  if (flips === 0) return null;
  const failed = decisive.filter((o) => o.status === 'failed').length;
  const runs = decisive.length;
  const parts = [`${switches} pass/fail ${switches === 1 ? 'change' : 'changes'} with unchanged file content`];
  if (retried > 0) parts.push(`${retried} ${retried === 1 ? 'pass' : 'passes'} only after a retry`);
  return {
    testId: history.testId,
    file,
    titlePath,
    flips,
    runs,
    failureRate: Math.round((failed / runs) * 1000) / 1000,
    lastStatuses: history.outcomes.slice(-SHOWN_STATUSES).map((o) => o.status),
    reason: `${parts.join(', ')} in ${runs} runs (${failed} failed)`,
  };
}

/** Test ids are `<file> > <title> > ...` (every runner builds them so). */
export function splitTestId(testId: string): { file: string; titlePath: string[] } {
  const [file = '', ...titlePath] = testId.split(' > ');
  return { file, titlePath };
}

function inFiles(file: string, filters: readonly string[]): boolean {
  return filters.some((f) => {
    const clean = f.replace(/^\.\//, '').replace(/\/+$/, '');
    return clean === '' || clean === '.' || file === clean || file.startsWith(`${clean}/`);
  });
}
