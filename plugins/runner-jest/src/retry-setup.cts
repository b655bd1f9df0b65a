/**
 * Prepended to every project's setupFilesAfterEnv by run-child.ts when aqe retries failing
 * tests: Jest's own retry (jest.retryTimes), so hooks re-run and `invocations` counts the
 * attempts. A project's own setup files and test files run after it and can override it.
 * `@jest/globals` is answered by Jest's module registry, whatever injectGlobals says.
 */
(require('@jest/globals') as { jest: { retryTimes(count: number): unknown } }).jest.retryTimes(Number(process.env.AQE_JEST_RETRIES) || 0);
