import { describe, expect, it } from 'vitest';
import { scriptConfig } from './script-config.js';

const files = ['e2e/pw.config.ts', 'e2e/playwright.config.js', 'e2e/playwright.config.ts', 'playwright.config.ts', 'specs/a.spec.ts'];
const withTest = (test: string, more: Record<string, string> = {}) => ({ scripts: { test, ...more } });

describe('scriptConfig', () => {
  it('reads -c, --config and --config= from the test script', () => {
    expect(scriptConfig(withTest('playwright test -c e2e/pw.config.ts'), files)).toBe('e2e/pw.config.ts');
    expect(scriptConfig(withTest('npx playwright test --config ./e2e/pw.config.ts --workers 1'), files)).toBe('e2e/pw.config.ts');
    expect(scriptConfig(withTest('cross-env CI=1 playwright test --config=e2e/pw.config.ts'), files)).toBe('e2e/pw.config.ts');
  });

  it("takes a directory's config in Playwright's order", () => {
    expect(scriptConfig(withTest('playwright test -c e2e'), files)).toBe('e2e/playwright.config.ts');
    expect(scriptConfig(withTest('playwright test -c e2e/'), files)).toBe('e2e/playwright.config.ts');
  });

  it('follows npm run into the script that runs Playwright', () => {
    expect(scriptConfig(withTest('npm run e2e', { e2e: 'playwright test -c e2e/pw.config.ts' }), files)).toBe('e2e/pw.config.ts');
  });

  it('is undefined without a config in the test script, for another command, or a path that is no config', () => {
    expect(scriptConfig(withTest('playwright test'), files)).toBeUndefined();
    expect(scriptConfig({ scripts: { e2e: 'playwright test -c e2e/pw.config.ts' } }, files)).toBeUndefined();
    expect(scriptConfig(withTest('playwright show-report -c e2e/pw.config.ts'), files)).toBeUndefined();
    expect(scriptConfig(withTest('playwright test -c specs'), files)).toBeUndefined();
    expect(scriptConfig(withTest('playwright test -c ../other/playwright.config.ts'), files)).toBeUndefined();
  });
});
