/**
 * Prepended to every project's setupFilesAfterEnv by run-child.ts when aqe retries failing
 * tests: Jest's own retry (jest.retryTimes), so hooks re-run and `invocations` counts the
 * attempts. A project's own setup files and test files run after it and can override it.
 * `jest` is the module wrapper's parameter unless injectGlobals is off (Jest 26 and
 * later); `@jest/globals` (Jest 25 and later) is answered by Jest's module registry then.
 */
declare const jest: JestObject | undefined;
interface JestObject {
  retryTimes(count: number): unknown;
}
const jestObject = typeof jest === 'undefined' ? (require('@jest/globals') as { jest: JestObject }).jest : jest;
jestObject.retryTimes(Number(process.env.AQE_JEST_RETRIES) || 0);
