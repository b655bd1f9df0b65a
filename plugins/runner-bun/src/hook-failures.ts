import type { TestCase, TestError } from '@aqe/kernel';

/** bun names the failure of a `beforeAll`/`afterAll` hook as a test of its scope called this, without a line. */
const UNNAMED = '(unnamed)';

export type HookOutcome =
  /** No hook failed outside a test. */
  | { kind: 'none' }
  /** A hook failed after its tests ran (`afterAll`): Jest fails the file with it, its tests keep their results. */
  | { kind: 'file-error'; tests: TestCase[]; error: TestError }
  /**
   * A hook failed before its tests (`beforeAll`): bun reports neither the tests nor how many
   * there were, Jest fails each of them with the hook's error. Only Jest can say which they are.
   */
  | { kind: 'tests-unknown'; error: TestError };

/**
 * How Jest would report what bun reported as a hook's failure in one file. bun counts one
 * failed "(unnamed)" test per failing hook; Jest fails the tests of a failing `beforeAll`'s
 * scope (7 tests where bun has 1) and the file for a failing `afterAll`.
 */
export function asJestReports(tests: readonly TestCase[]): HookOutcome {
  const hooks = tests.filter(isHookFailure);
  if (hooks.length === 0) return { kind: 'none' };
  const kept = tests.filter((test) => !isHookFailure(test));
  // Bun before 1.4 gives a hook's failure no message in its JUnit report.
  const messages = hooks.map((hook) => hook.error!.message || `a hook of ${hook.titlePath.length > 1 ? `"${hook.titlePath.slice(0, -1).join(' > ')}"` : 'the file'} failed`);
  const error = { ...hooks[0]!.error!, message: messages.join('\n\n') };
  const scopeRan = hooks.every((hook) => kept.some((test) => within(test.titlePath, hook.titlePath.slice(0, -1))));
  return scopeRan ? { kind: 'file-error', tests: kept, error } : { kind: 'tests-unknown', error };
}

function isHookFailure(test: TestCase): boolean {
  return test.status === 'failed' && test.titlePath.at(-1) === UNNAMED && test.location === undefined && test.error !== undefined;
}

function within(titlePath: readonly string[], scope: readonly string[]): boolean {
  return titlePath.length > scope.length && scope.every((name, i) => titlePath[i] === name);
}
