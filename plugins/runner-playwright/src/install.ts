import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * How a Playwright version lets aqe load a config in-process, read from the `playwright`
 * package's `exports` (internal entry points, undocumented, that moved between versions):
 * - `common`: `playwright/lib/common` (1.60 and later) bundles the config loader, the
 *   transform and the compilation cache;
 * - `configLoader`: `playwright/lib/common/configLoader` and `playwright/lib/transform/*`
 *   (1.42 to 1.59);
 * - `cli`: neither (1.40, 1.41): discovery asks Playwright's own CLI, `playwright test --list`.
 */
export type PlaywrightApi = 'common' | 'configLoader' | 'cli';

export interface PlaywrightInstall {
  /** Root of the `playwright` package, which holds the test runner and its config loader. */
  dir: string;
  /** Version of `@playwright/test` (what users pin), or of `playwright` when only it is installed. */
  version: string;
  api: PlaywrightApi;
}

/**
 * The Playwright that `npx playwright test` started in `dir` would use, found by Node's own
 * module resolution (hoisted, nested or pnpm-linked installs alike); reads only package.json
 * files, so detect can afford it. `@playwright/test` is a thin re-export of `playwright`,
 * so its own `playwright` dependency is the one configs get when they import it.
 */
export function findPlaywright(dir: string): PlaywrightInstall | undefined {
  const fromDir = createRequire(join(dir, 'noop.js'));
  const testPackage = tryResolve(fromDir, '@playwright/test/package.json');
  const runnerPackage = testPackage ? tryResolve(createRequire(testPackage), 'playwright/package.json') : tryResolve(fromDir, 'playwright/package.json');
  if (!runnerPackage) return undefined;
  const runner = readPackage(runnerPackage);
  return { dir: dirname(runnerPackage), version: testPackage ? readPackage(testPackage).version : runner.version, api: apiOf(runner.exports) };
}

function apiOf(exports: Record<string, unknown> | undefined): PlaywrightApi {
  if (exports?.['./lib/common']) return 'common';
  if (exports?.['./lib/common/configLoader'] && exports['./lib/util'] && exports['./lib/transform/compilationCache']) return 'configLoader';
  return 'cli';
}

function tryResolve(require: NodeJS.Require, request: string): string | undefined {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

function readPackage(packageJson: string): { version: string; exports?: Record<string, unknown> } {
  return JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string; exports?: Record<string, unknown> };
}
