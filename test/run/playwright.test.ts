import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions, RunResult } from '@aqe/kernel';
import playwrightPlugin from '@aqe/runner-playwright';
import { describe, expect, it } from 'vitest';
import { fileOf as byFile, type RunEvent, recordRun, runnerOf, scratchDirs, testOf as byId, withEnv } from './support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repoRoot, 'test/fixtures/run-playwright');
const tempDir = scratchDirs('aqe-run-playwright-');
const playwrightRunner = () => runnerOf(playwrightPlugin);
const playwrightCli = join(repoRoot, 'node_modules/@playwright/test/cli.js');
/** The files that need no browser and load. */
const NO_BROWSER = ['tests/fail.spec.ts', 'tests/flaky.spec.ts', 'tests/pass.spec.ts', 'tests/skip.spec.ts'];
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

async function run(files: string[], options: Partial<RunOptions> = {}, root = fixture): Promise<{ result: RunResult; events: RunEvent[] }> {
  return recordRun(playwrightRunner(), files, { root, detection: { runner: 'playwright', configFiles: root === fixture ? ['playwright.config.ts'] : [] }, ...options });
}

interface JsonStats {
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
}

/** `playwright test --reporter=json` on the same files, for its counts. */
function playwrightJson(files: string[], cwd = fixture, args: string[] = []): Promise<JsonStats> {
  const filters = files.map((file) => `/^${join(cwd, file).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [playwrightCli, 'test', '--reporter=json', ...args, ...filters], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      try {
        resolve((JSON.parse(stdout) as { stats: JsonStats }).stats);
      } catch {
        reject(error ?? new Error(`no JSON from playwright: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

/** A scratch project with the repository's Playwright, a one-worker config and these files. */
function scratchProject(files: Record<string, string>): string {
  const root = tempDir();
  mkdirSync(join(root, 'node_modules/@playwright'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules/@playwright/test'), join(root, 'node_modules/@playwright/test'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "name": "scratch", "private": true }\n');
  writeFileSync(join(root, 'playwright.config.ts'), "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ outputDir: 'out', workers: 1 });\n");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

describe('runner-playwright run()', () => {
  it('runs the fixture: statuses, ids, locations, errors, a file that does not load, events as they stream', async () => {
    const files = [...NO_BROWSER, 'tests/syntax.spec.ts', 'tests/not-a-test.ts'];
    const { result, events } = await run(files);

    expect(result.files.map((f) => [f.file, f.status]).sort()).toEqual([
      ['tests/fail.spec.ts', 'failed'],
      ['tests/flaky.spec.ts', 'passed'],
      ['tests/not-a-test.ts', 'failed'],
      ['tests/pass.spec.ts', 'passed'],
      ['tests/skip.spec.ts', 'passed'],
      ['tests/syntax.spec.ts', 'failed'],
    ]);
    expect(result.files.every((f) => f.runner === 'playwright')).toBe(true);

    const nested = byId(result, 'tests/pass.spec.ts > outer > inner > nested passes');
    expect(nested).toMatchObject({ file: 'tests/pass.spec.ts', titlePath: ['outer', 'inner', 'nested passes'], status: 'passed', location: { line: 9, column: 5 }, retries: 0 });
    expect(byId(result, 'tests/pass.spec.ts > adds').location).toEqual({ line: 3, column: 1 });

    expect(byId(result, 'tests/skip.spec.ts > skipped').status).toBe('skipped');
    expect(byId(result, 'tests/skip.spec.ts > not yet').status).toBe('skipped');
    expect(byId(result, 'tests/skip.spec.ts > passes beside skipped').status).toBe('passed');

    const mismatch = byId(result, 'tests/fail.spec.ts > mismatch');
    expect(mismatch.status).toBe('failed');
    expect(mismatch.error).toMatchObject({ expected: '3', actual: '2', location: { file: 'tests/fail.spec.ts', line: 4, column: 17 } });
    expect(mismatch.error!.message).toMatch(/^expect\(received\)\.toBe\(expected\)/);
    expect(mismatch.error!.message + mismatch.error!.stack).not.toContain('\u001b[');
    const strings = byId(result, 'tests/fail.spec.ts > group > string mismatch');
    expect(strings.error).toMatchObject({ expected: 'expected text', actual: 'actual text', location: { file: 'tests/fail.spec.ts', line: 13, column: 27 } });
    const thrown = byId(result, 'tests/fail.spec.ts > throws');
    expect(thrown.error).toMatchObject({ message: 'boom', location: { file: 'tests/fail.spec.ts', line: 8, column: 9 } });
    expect(thrown.error!.stack).toContain('Error: boom');

    const syntax = byFile(result, 'tests/syntax.spec.ts');
    expect(syntax.tests).toEqual([]);
    expect(syntax.error!.message).toContain('SyntaxError');
    expect(syntax.error!.location).toEqual({ file: 'tests/syntax.spec.ts', line: 4, column: 13 });
    expect(byFile(result, 'tests/not-a-test.ts').error!.message).toContain('not a test file');

    expect(result.summary).toMatchObject({ files: 6, tests: 9, passed: 4, failed: 3, skipped: 2 });

    // Per file: start, then its tests, then its result.
    for (const file of NO_BROWSER) {
      const mine = events.filter((e) => (e[0] === 'start' ? e[1] : e[1].file) === file).map((e) => e[0]);
      expect(mine[0]).toBe('start');
      expect(mine.at(-1)).toBe('file');
      expect(mine.slice(1, -1).every((kind) => kind === 'test')).toBe(true);
    }
  });

  it('counts what `playwright test --reporter=json` counts on the same files', async () => {
    const [{ result }, stats] = await Promise.all([run(NO_BROWSER), playwrightJson(NO_BROWSER)]);
    expect(result.summary.passed).toBe(stats.expected + stats.flaky);
    expect(result.summary.failed).toBe(stats.unexpected);
    expect(result.summary.skipped).toBe(stats.skipped);
  });

  it('filters tests by name with -t (Playwright --grep)', async () => {
    const { result } = await run(['tests/pass.spec.ts', 'tests/fail.spec.ts'], { testNamePattern: 'nested' });
    expect(result.files.flatMap((f) => f.tests.map((t) => t.id))).toEqual(['tests/pass.spec.ts > outer > inner > nested passes']);
    expect(byFile(result, 'tests/fail.spec.ts')).toMatchObject({ status: 'skipped', tests: [] });
  });

  it('retries a failing test with Playwright --retries', async () => {
    const dir = tempDir();
    const { result } = await withEnv({ AQE_FLAKY_DIR: dir }, () => run(['tests/flaky.spec.ts'], { retries: 2 }));
    expect(byId(result, 'tests/flaky.spec.ts > fails once')).toMatchObject({ status: 'passed', retries: 1 });
    const { result: without } = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(['tests/flaky.spec.ts']));
    expect(byId(without, 'tests/flaky.spec.ts > fails once')).toMatchObject({ status: 'failed', retries: 0 });
  });

  it('stops after the first failure with bail', async () => {
    const { result } = await run(['tests/fail.spec.ts', 'tests/pass.spec.ts'], { bail: true });
    expect(byFile(result, 'tests/fail.spec.ts').status).toBe('failed');
    expect(result.summary.failed).toBe(1);
    expect(result.files.some((f) => f.file === 'tests/pass.spec.ts')).toBe(false);
  });

  it('stops after the n-th failing file with bail n (Playwright counts failing tests, aqe files)', async () => {
    const files = ['tests/fail.spec.ts', 'tests/flaky.spec.ts', 'tests/pass.spec.ts'];
    // flaky.spec.ts fails the first time in a fresh AQE_FLAKY_DIR; one worker runs the files in this order.
    const { result } = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(files, { bail: 2 }));
    expect(result.files.map((f) => [f.file, f.status])).toEqual([
      ['tests/fail.spec.ts', 'failed'],
      ['tests/flaky.spec.ts', 'failed'],
    ]);
    const { result: all } = await withEnv({ AQE_FLAKY_DIR: tempDir() }, () => run(files, { bail: 3 }));
    expect(all.files.map((f) => f.file)).toEqual(files);
  });

  it('aborts through the AbortSignal and resolves with what finished', async () => {
    const controller = new AbortController();
    const { result } = await run(NO_BROWSER, { signal: controller.signal, onFileStart: () => controller.abort() });
    expect(result.files.length).toBeLessThan(NO_BROWSER.length);
  });

  it('fails every file with how to install Playwright when it is not installed', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{ "name": "scratch", "private": true }\n');
    writeFileSync(join(root, 'a.spec.ts'), '');
    const { result } = await run(['a.spec.ts'], {}, root);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ file: 'a.spec.ts', status: 'failed', tests: [] });
    expect(result.files[0]!.error!.message).toContain('npm install --save-dev @playwright/test');
  });

  it('puts the project name first in titlePath when the config has several projects', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'node_modules/@playwright'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules/@playwright/test'), join(root, 'node_modules/@playwright/test'), 'dir');
    writeFileSync(join(root, 'package.json'), '{ "name": "scratch", "private": true }\n');
    writeFileSync(join(root, 'playwright.config.ts'), "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ outputDir: 'out', workers: 1, projects: [{ name: 'a' }, { name: 'b' }] });\n");
    writeFileSync(join(root, 'two.spec.ts'), "import { test } from '@playwright/test';\ntest.describe('d', () => {\n  test('t', () => {});\n});\n");
    const { result } = await run(['two.spec.ts'], { detection: { runner: 'playwright', configFiles: ['playwright.config.ts'] } }, root);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]!.status).toBe('passed');
    expect(result.files[0]!.tests.map((t) => t.id).sort()).toEqual(['two.spec.ts > a > d > t', 'two.spec.ts > b > d > t']);
    expect(result.files[0]!.tests.map((t) => t.titlePath[0]).sort()).toEqual(['a', 'b']);
  });

  it('keeps what each test printed on the test, in order over stdout and stderr; nothing with silent', async () => {
    const root = scratchProject({
      'print.spec.ts':
        "import { expect, test } from '@playwright/test';\n" +
        "console.log('module scope');\n" +
        "test('prints then fails', () => {\n  console.log('to stdout');\n  console.error('to stderr');\n  process.stdout.write('written\\n');\n  expect(1).toBe(2);\n});\n" +
        "test('quiet', () => {});\n",
    });
    const { result } = await run(['print.spec.ts'], { detection: { runner: 'playwright', configFiles: ['playwright.config.ts'] } }, root);
    expect(byId(result, 'print.spec.ts > prints then fails')).toMatchObject({
      status: 'failed',
      output: [
        { stream: 'stdout', text: 'to stdout\n' },
        { stream: 'stderr', text: 'to stderr\n' },
        { stream: 'stdout', text: 'written\n' },
      ],
    });
    expect(byId(result, 'print.spec.ts > quiet').output).toBeUndefined();
    const { result: silent } = await run(['print.spec.ts'], { silent: true, detection: { runner: 'playwright', configFiles: ['playwright.config.ts'] } }, root);
    expect(byId(silent, 'print.spec.ts > prints then fails').output).toBeUndefined();
  });

  it("appends the words after -- to Playwright's command line: -- --timeout=1 makes a slow test time out", async () => {
    const root = scratchProject({
      'slow.spec.ts': "import { test } from '@playwright/test';\ntest('slow', async () => {\n  await new Promise((resolve) => setTimeout(resolve, 300));\n});\n",
    });
    const detection = { runner: 'playwright', configFiles: ['playwright.config.ts'] };
    const { result: plain } = await run(['slow.spec.ts'], { detection }, root);
    expect(byId(plain, 'slow.spec.ts > slow').status).toBe('passed');
    const { result } = await run(['slow.spec.ts'], { detection, frameworkArgs: ['--timeout=1', '--reporter=list'] }, root);
    expect(byId(result, 'slow.spec.ts > slow').status).toBe('failed');
    expect(byId(result, 'slow.spec.ts > slow').error!.message).toMatch(/timeout of 1ms exceeded/i);
  });

  it("runs with the config the test script names (playwright test -c), counting what that script's command counts", async () => {
    const root = scratchProject({});
    // The config's directory holds no test: its testDir is beside it.
    mkdirSync(join(root, 'e2e'));
    writeFileSync(join(root, 'e2e/pw.config.ts'), "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: '../specs', testMatch: '**/*.e2e.ts', outputDir: 'out', workers: 1 });\n");
    mkdirSync(join(root, 'specs'));
    writeFileSync(join(root, 'specs/a.e2e.ts'), "import { expect, test } from '@playwright/test';\ntest('passes', () => {});\ntest('fails', () => { expect(1).toBe(2); });\n");
    writeFileSync(join(root, 'specs/b.spec.ts'), "import { test } from '@playwright/test';\ntest('not under the e2e config', () => {});\n");
    const packageJson = { name: 'scratch', private: true, devDependencies: { '@playwright/test': '*' }, scripts: { test: 'playwright test --config e2e/pw.config.ts' } };
    writeFileSync(join(root, 'package.json'), JSON.stringify(packageJson));
    const runner = await playwrightRunner();
    const detection = await runner.detect({ root, packageJson, files: ['package.json', 'playwright.config.ts', 'e2e/pw.config.ts', 'specs/a.e2e.ts', 'specs/b.spec.ts'] });
    expect(detection?.configFiles).toEqual(['e2e/pw.config.ts']);
    const discovered = await runner.discover({ root, files: ['package.json', 'playwright.config.ts', 'e2e/pw.config.ts', 'specs/a.e2e.ts', 'specs/b.spec.ts'], symlinks: new Set(), detection: detection! });
    expect(discovered.files).toEqual(['specs/a.e2e.ts']);
    const [{ result }, stats] = await Promise.all([run(discovered.files, { detection: detection! }, root), playwrightJson([], root, ['--config', 'e2e/pw.config.ts'])]);
    expect(result.files.map((f) => [f.file, f.status])).toEqual([['specs/a.e2e.ts', 'failed']]);
    expect([result.summary.passed, result.summary.failed]).toEqual([stats.expected + stats.flaky, stats.unexpected]);
    expect(result.summary.tests).toBe(2);
  });

  const hasBrowser = existsSync(SYSTEM_CHROMIUM);
  // Playwright's own browser download is not available here; the test needs Debian's chromium (apt-get install -y chromium).
  it.skipIf(!hasBrowser)(`runs a test with the page fixture in ${SYSTEM_CHROMIUM} (skipped when it is absent)`, async () => {
    const { result } = await run(['tests/browser.spec.ts']);
    const test = byId(result, 'tests/browser.spec.ts > renders a button in the browser');
    expect(test.error).toBeUndefined();
    expect(test.status).toBe('passed');
    // The config written for the run is gone.
    expect(readdirSync(fixture).filter((name) => name.startsWith('.aqe-playwright-'))).toEqual([]);
  });
});
