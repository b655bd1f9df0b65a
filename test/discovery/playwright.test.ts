import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { createKernel, type DiscoverReport, type RunnerCapability } from '@aqe/kernel';
import playwrightPlugin from '@aqe/runner-playwright';
import { afterEach, describe, expect, it } from 'vitest';

// Every expected file set below comes from the real `playwright test --list`, never from a hand-written list.

const repoRoot = resolve(import.meta.dirname, '../..');
const fixtures = join(repoRoot, 'test/fixtures');
const playwrightCli = join(repoRoot, 'node_modules/@playwright/test/cli.js');
const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };
const run = promisify(execFile);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A throwaway project that resolves @playwright/test from the repo, as the fixtures do. */
function tempProject(files: Record<string, string>, copyOf: Record<string, string> = {}): string {
  const dir = tempDir('aqe-pw-project-');
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'junction');
  for (const [into, fixture] of Object.entries(copyOf)) cpSync(join(fixtures, fixture), join(dir, into), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const packageJson = (deps: Record<string, string>) => JSON.stringify({ name: 'tmp', private: true, devDependencies: deps });
const withPlaywright = packageJson({ '@playwright/test': '^1.65.1' });
const spec = (title: string) => `import { test } from '@playwright/test';\ntest('${title}', () => {});\n`;

/** The files `playwright test --list --reporter=json` reports, relative to `dir`, each once. */
async function playwrightList(dir: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [playwrightCli, 'test', '--list', '--reporter=json'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(stdout) as { config: { rootDir: string }; errors: unknown[]; suites: Suite[] };
  expect(report.errors).toEqual([]);
  const files = new Set<string>();
  const visit = (suite: Suite) => {
    if (suite.specs.length > 0) files.add(relative(dir, resolve(report.config.rootDir, suite.file)).split(sep).join('/'));
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return [...files].sort();
}
interface Suite {
  file: string;
  specs: unknown[];
  suites?: Suite[];
}

/** A store path that does not exist yet, inside a temp dir that is removed afterwards. */
function freshStorePath(): string {
  return join(tempDir('aqe-pw-store-'), 'store');
}

/** One `kernel.discover()` in a fresh kernel; a shared storeDir carries the kernel's cache from one call to the next. */
async function aqeDiscover(cwd: string, storeDir = freshStorePath()): Promise<DiscoverReport['runners'][number] | undefined> {
  const kernel = await createKernel({ cwd, plugins: [{ plugin: playwrightPlugin }], storeDir, config: { discoverInstalled: false }, logger: silentLogger });
  try {
    return (await kernel.discover()).runners.find((r) => r.runner === 'playwright');
  } finally {
    await kernel.dispose();
  }
}

function listFiles(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true })
    .flatMap((e) => (e.name === 'node_modules' ? [] : e.isDirectory() ? listFiles(root, rel ? `${rel}/${e.name}` : e.name) : [rel ? `${rel}/${e.name}` : e.name]))
    .sort();
}

function runnerOf(): RunnerCapability {
  let runner: RunnerCapability | undefined;
  playwrightPlugin.setup({ runners: { add: (r: RunnerCapability) => (runner = r) } } as never);
  return runner!;
}

describe('playwright discovery matches `playwright test --list`', () => {
  it.each([['playwright-basic'], ['playwright-projects']])('%s', async (name) => {
    const dir = join(fixtures, name);
    const [expected, found] = await Promise.all([playwrightList(dir), aqeDiscover(dir)]);
    expect(found?.error).toBeUndefined();
    expect(found?.configFiles).toEqual(['playwright.config.ts']);
    expect(expected.length).toBeGreaterThan(0);
    expect(found?.files).toEqual(expected);
  });

  it('a project without a config file: Playwright defaults from the root', async () => {
    const dir = tempProject({ 'package.json': withPlaywright, 'a.spec.ts': spec('a'), 'sub/b.test.js': spec('b'), 'sub/c.ts': spec('c') });
    const found = await aqeDiscover(dir);
    expect(found?.configFiles).toEqual([]);
    expect(found?.files).toEqual(await playwrightList(dir));
  });

  it('a monorepo: every package config, one list', async () => {
    const dir = tempProject({ 'package.json': packageJson({}) }, { 'packages/basic': 'playwright-basic', 'packages/projects': 'playwright-projects' });
    const [basic, projects, found] = await Promise.all([playwrightList(join(dir, 'packages/basic')), playwrightList(join(dir, 'packages/projects')), aqeDiscover(dir)]);
    expect(found?.error).toBeUndefined();
    expect(found?.configFiles).toEqual(['packages/basic/playwright.config.ts', 'packages/projects/playwright.config.ts']);
    expect(found?.files).toEqual([...basic.map((f) => `packages/basic/${f}`), ...projects.map((f) => `packages/projects/${f}`)].sort());
  });
});

describe('playwright discovery inputs', () => {
  it('lists the local module the TS config imports, not node_modules', async () => {
    const root = join(fixtures, 'playwright-projects');
    const runner = runnerOf();
    const files = listFiles(root);
    const detection = (await runner.detect({ root, files, packageJson: { devDependencies: { '@playwright/test': '*' } } }))!;
    const out = await runner.discover({ root, files, symlinks: new Set(), detection });
    expect(out.inputs).toEqual(['config/dirs.ts']);
  });

  it('an edit of that module is seen: the cached list is dropped and matches Playwright again', async () => {
    const dir = tempProject({}, { '.': 'playwright-projects' });
    const storeDir = freshStorePath();
    await aqeDiscover(dir, storeDir);
    const unchanged = await aqeDiscover(dir, storeDir);
    expect(unchanged?.cached).toBe(true);
    writeFileSync(join(dir, 'config/dirs.ts'), "export const testDir = './smoke';\nexport const smokeDir = './tests';\nexport const legacy = [];\n");
    const edited = await aqeDiscover(dir, storeDir);
    expect(edited?.cached).toBe(false);
    expect(edited?.files).not.toEqual(unchanged?.files);
    expect(edited?.files).toEqual(await playwrightList(dir));
  });
});

describe('playwright config failures', () => {
  it.each([
    ['throws while loading', "throw new Error('broken on purpose');\nexport default {};\n", 'broken on purpose'],
    ['fails Playwright validation', 'export default { testDir: 42 };\n', 'testDir must be a string'],
    ['does not parse', 'export default { testDir: };\n', 'playwright.config.ts'],
  ])('a config that %s is AQE_RUNNER_CONFIG_FAILED naming the file', async (_, config, reason) => {
    const dir = tempProject({ 'package.json': withPlaywright, 'e2e/playwright.config.ts': config, 'e2e/a.spec.ts': spec('a') });
    const found = await aqeDiscover(dir);
    expect(found?.error?.code).toBe('AQE_RUNNER_CONFIG_FAILED');
    expect(found?.error?.message).toContain('could not load e2e/playwright.config.ts');
    expect(found?.error?.message).toContain(reason);
    expect(found?.files).toEqual([]);
  });
});

describe('playwright detect', () => {
  const runner = runnerOf();

  it('returns null where Playwright is absent', async () => {
    const dir = tempDir('aqe-pw-none-');
    expect(await runner.detect({ root: dir, files: ['a.spec.ts'], packageJson: { devDependencies: { vitest: '*' } } })).toBeNull();
    // The playwright library alone, without a config, is browser automation rather than tests.
    expect(await runner.detect({ root: dir, files: ['a.spec.ts'], packageJson: { dependencies: { playwright: '*' } } })).toBeNull();
    // A config nobody installed or declared.
    expect(await runner.detect({ root: dir, files: ['playwright.config.ts'], packageJson: {} })).toBeNull();
    expect(await aqeDiscover(tempProject({ 'package.json': packageJson({}), 'a.spec.ts': spec('a') }))).toBeUndefined();
  });

  it('picks one config per directory in Playwright order and reports the installed version', async () => {
    const files = ['a/playwright.config.js', 'a/playwright.config.ts', 'b/playwright.config.cjs', 'b/playwright.config.mjs', 'c/x.spec.ts'];
    const detection = await runner.detect({ root: repoRoot, files, packageJson: {} });
    expect(detection).toEqual({ runner: 'playwright', configFiles: ['a/playwright.config.ts', 'b/playwright.config.mjs'], version: expect.stringMatching(/^1\.\d+\.\d+/) });
    expect(await runner.version({ root: repoRoot, files: [] })).toBe(detection?.version);
  });
});
