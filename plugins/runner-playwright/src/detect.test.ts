import { describe, expect, it } from 'vitest';
import { detectPlaywright } from './detect.js';

const declared = { devDependencies: { '@playwright/test': '*' } };
const configsOf = async (files: string[]) => (await detectPlaywright({ root: '/nowhere', files, packageJson: declared }))?.configFiles;

describe('detectPlaywright config files', () => {
  it('leaves out a config below another one in the same package: `playwright test` runs only the package’s own', async () => {
    // microsoft/playwright-vscode: tests-integration/ is run with `playwright test -c tests-integration`, not by npm test.
    expect(await configsOf(['package.json', 'playwright.config.ts', 'tests-integration/playwright.config.ts'])).toEqual(['playwright.config.ts']);
    expect(await configsOf(['playwright.config.ts', 'packages/x/package.json', 'packages/x/playwright.config.ts', 'packages/x/e2e/playwright.config.ts', 'packages/y/e2e/playwright.config.ts'])).toEqual([
      'packages/x/playwright.config.ts',
      'playwright.config.ts',
    ]);
  });

  it('keeps configs with none above them, one per directory in Playwright’s order', async () => {
    expect(await configsOf(['a/playwright.config.js', 'a/playwright.config.ts', 'b/playwright.config.mjs', 'b/c/playwright.config.ts'])).toEqual(['a/playwright.config.ts', 'b/playwright.config.mjs']);
  });

  it("takes the test script's -c config as the package's, keeping other packages' configs", async () => {
    const files = ['package.json', 'playwright.config.ts', 'e2e/pw.config.ts', 'packages/x/package.json', 'packages/x/playwright.config.ts'];
    const packageJson = { ...declared, scripts: { test: 'playwright test -c e2e/pw.config.ts' } };
    const detection = await detectPlaywright({ root: '/nowhere', files, packageJson });
    expect(detection?.configFiles).toEqual(['e2e/pw.config.ts', 'packages/x/playwright.config.ts']);
  });
});
