import type { FailureClass, FailureClassification, RunResult, TestCase, TestFileResult } from '@aqe/kernel';
import { type ActionSuggestion, shellQuote } from './envelope.js';

/** What `data.failures[].classification` holds: the failure-classifier's verdict, without what the failure already says. */
export interface FailureClassView {
  class: FailureClass;
  confidence: number;
  signature: string;
  reason: string;
}

export type Classifications = ReadonlyMap<string, FailureClassification>;

export function classificationsOf(run: RunResult): Classifications {
  return new Map((run.classifications ?? []).map((c) => [c.testId, c]));
}

/** `testId`: a test id, or the file for an error outside any test. */
export function classView(classes: Classifications, testId: string): { classification?: FailureClassView } {
  const c = classes.get(testId);
  return c ? { classification: { class: c.class, confidence: c.confidence, signature: c.signature, reason: c.reason } } : {};
}

/**
 * Suggestions for the failed tests the classifier called flaky or environment; the others
 * (regression, snapshot, unknown, unclassified) are left to the caller's rules.
 */
export function classSuggestions(f: TestFileResult, failing: readonly TestCase[], classes: Classifications): { suggestions: ActionSuggestion[]; handled: Set<TestCase> } {
  const of = (cls: FailureClass) => failing.filter((t) => classes.get(t.id)?.class === cls);
  const confidence = (tests: readonly TestCase[]) => Math.min(...tests.map((t) => classes.get(t.id)!.confidence));
  const ids = (tests: readonly TestCase[]) => tests.map((t) => t.id).sort();
  const flaky = of('flaky');
  const environment = of('environment');
  const suggestions: ActionSuggestion[] = [];
  if (flaky.length > 0) {
    suggestions.push({
      action: 'confirm_flaky',
      priority: 'medium',
      reason: `${flaky.length} failure(s) in ${f.file} look flaky: the same failure passed before on a re-run without a change`,
      affectedTests: ids(flaky),
      targetFiles: [f.file],
      steps: ['Re-run the file several times to measure how often it fails', 'If it flakes, fix the race, timing or shared state, or quarantine it (aqe flaky --quarantine)'],
      automation: { command: `npx aqe flaky ${shellQuote(f.file)} --confirm`, canAutoFix: false, confidence: confidence(flaky) },
    });
  }
  if (environment.length > 0) {
    suggestions.push({
      action: 'check_environment',
      priority: 'high',
      reason: `${environment.length} failure(s) in ${f.file} come from the environment: ${classes.get(environment[0]!.id)!.reason}`,
      affectedTests: ids(environment),
      targetFiles: [f.file],
      steps: ['Check what the error names: a service or port that must be listening, a binary on PATH, a time limit for this machine', 'Start or install it, or raise the limit', 'Re-run the file'],
      automation: { command: `npx aqe run ${shellQuote(f.file)}`, canAutoFix: false, confidence: confidence(environment) },
    });
  }
  return { suggestions, handled: new Set([...flaky, ...environment]) };
}
