import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface PlaywrightInstall {
  /** Root of the `playwright` package, which holds the test runner and its config loader. */
  dir: string;
  /** Version of `@playwright/test` (what users pin), or of `playwright` when only it is installed. */
  version: string;
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
  return { dir: dirname(runnerPackage), version: readVersion(testPackage ?? runnerPackage) };
}

function tryResolve(require: NodeJS.Require, request: string): string | undefined {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

function readVersion(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}
