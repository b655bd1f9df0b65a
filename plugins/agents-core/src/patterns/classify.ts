import type { FailureClass } from '@aqe/kernel';
import type { Match } from './match-index.js';
import type { Outcome, SignatureRecord } from './records.js';
import { type Prior, priorOf } from './rules.js';

/** Pseudo-counts: the prior weighs as much as two observed outcomes; every class keeps a little. */
const PRIOR_WEIGHT = 2;
const BASE = 0.2;
/** Outcomes of similar (not identical) signatures count at half their similarity. */
const NEIGHBOUR_WEIGHT = 0.5;
/** Tie order: the more actionable class first. */
const CLASSES: readonly FailureClass[] = ['regression', 'snapshot', 'environment', 'flaky', 'unknown'];

export const ACTIONS: Record<FailureClass, string> = {
  regression: 'fix_test_failures',
  snapshot: 'update_snapshots',
  environment: 'check_environment',
  flaky: 'confirm_flaky',
  unknown: 'fix_test_failures',
};

const OUTCOME_WORDS: Record<Outcome, string> = {
  passed_on_rerun: 'passed on a re-run without a change',
  fixed_by_code_change: 'was fixed by a code change',
  fixed_by_snapshot_update: 'was fixed by a snapshot update',
};

export interface Verdict {
  class: FailureClass;
  confidence: number;
  reason: string;
}

/** A failure that passes again unchanged is flaky, unless its text says the environment failed. */
function outcomeClass(outcome: Outcome, prior: Prior): FailureClass {
  if (outcome === 'fixed_by_code_change') return 'regression';
  if (outcome === 'fixed_by_snapshot_update') return 'snapshot';
  return prior.class === 'environment' ? 'environment' : 'flaky';
}

/**
 * Classifies a signature from its prior and the outcomes learned for it and for its
 * nearest known signatures. `neighbours` excludes the signature itself.
 */
export function verdictFor(record: Pick<SignatureRecord, 'errorType' | 'template' | 'outcomes'>, neighbours: readonly { match: Match; record: SignatureRecord }[]): Verdict {
  const prior = priorOf(record);
  const scores = Object.fromEntries(CLASSES.map((c) => [c, BASE])) as Record<FailureClass, number>;
  scores[prior.class] += PRIOR_WEIGHT * prior.strength;
  for (const [outcome, n] of Object.entries(record.outcomes) as [Outcome, number][]) scores[outcomeClass(outcome, prior)] += n;
  for (const { match, record: other } of neighbours) {
    for (const [outcome, n] of Object.entries(other.outcomes) as [Outcome, number][]) scores[outcomeClass(outcome, prior)] += n * match.similarity * NEIGHBOUR_WEIGHT;
  }
  const total = CLASSES.reduce((sum, c) => sum + scores[c], 0);
  const best = CLASSES.reduce((a, b) => (scores[b] > scores[a] ? b : a));
  return { class: best, confidence: Math.round((scores[best] / total) * 100) / 100, reason: reasonFor(best, prior, record, neighbours) };
}

/**
 * Says what was learned, never how often the failure was seen: re-running a failing suite
 * unchanged must print the same words (the ai output is byte-identical across identical runs).
 */
function reasonFor(cls: FailureClass, prior: Prior, record: Pick<SignatureRecord, 'outcomes'>, neighbours: readonly { match: Match; record: SignatureRecord }[]): string {
  const lead = cls === prior.class ? prior.reason : `${prior.reason}, but what resolved it before points to ${cls === 'flaky' ? 'a flaky test' : `a ${cls} failure`}`;
  const parts: string[] = [];
  const learned = describeOutcomes(record.outcomes);
  if (learned) parts.push(`it ${learned}`);
  const similar = neighbours.find((n) => describeOutcomes(n.record.outcomes) !== '');
  if (similar) parts.push(`a similar failure (${Math.round(similar.match.similarity * 100)}% alike) ${describeOutcomes(similar.record.outcomes)}`);
  return `${lead}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}.`;
}

function describeOutcomes(outcomes: SignatureRecord['outcomes']): string {
  const parts = (Object.entries(outcomes) as [Outcome, number][])
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([o, n]) => `${OUTCOME_WORDS[o]} ${n === 1 ? 'once' : `${n} times`}`);
  return parts.join(' and ');
}
