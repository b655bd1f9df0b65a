import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoverReport, RunResult } from '@aqe/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { installFrameworks, matrixProject, matrixVersion, removeAll, repoRoot } from '../support/framework-install.js';

// Playwright Test across the versions users run. Each version loads configs through other
// internals (1.40/1.41: none aqe reaches, so it lists with the CLI; 1.42–1.59:
// lib/common/configLoader; 1.60+: lib/common); the counts must be Playwright's own.
// The fixture is an `e2e` package whose Playwright is hoisted to the root's node_modules and
// whose webServer is a bin of a dependency, on PATH only through e2e/node_modules/.bin.

const sh = promisify(execFile);
const made: string[] = [];
afterAll(() => removeAll(made));
const CLI = join(repoRoot, 'cli/bin/run.js');
const VERSIONS = ['1.40', '1.50', '1.56', '1.59', '1.65'] as const;
const FILES = ['tests/browser.spec.ts', 'tests/fail.spec.ts', 'tests/flaky.spec.ts', 'tests/pass.spec.ts', 'tests/skip.spec.ts', 'tests/snapshot.spec.ts'];

interface Counts {
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
}
interface JsonSuite {
  file: string;
  specs: { tests: { status: keyof Counts }[] }[];
  suites?: JsonSuite[];
}
interface JsonReport {
  config: { rootDir: string };
  errors: { message?: string }[];
  stats: Counts;
  suites: JsonSuite[];
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** `playwright test <args> --reporter=json` in the e2e package, started as `npm test` would (its node_modules/.bin on PATH). */
async function playwrightJson(root: string, args: string[], port: number): Promise<JsonReport> {
  const e2e = join(root, 'e2e');
  const env = { ...process.env, FIXTURE_PORT: String(port), FORCE_COLOR: '0', PATH: [join(e2e, 'node_modules/.bin'), process.env.PATH].join(delimiter) };
  const { stdout } = await sh(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...args, '--reporter=json'], { cwd: e2e, env, maxBuffer: 64 << 20 }).catch((error: { stdout: string }) => error);
  return JSON.parse(stdout) as JsonReport;
}

/** Per file (relative to the e2e package): how many tests of each outcome, over all projects. */
function perFile(report: JsonReport, e2e: string): Record<string, Counts> {
  const files: Record<string, Counts> = {};
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs) {
      const file = relative(e2e, resolve(report.config.rootDir, suite.file));
      files[file] ??= { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
      for (const test of spec.tests) files[file][test.status]++;
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return files;
}

/** aqe's results in Playwright's terms: passed at once is expected, passed on a retry flaky. */
function aqeCounts(run: RunResult): Record<string, Counts> {
  const files: Record<string, Counts> = {};
  for (const file of run.files) {
    const counts: Counts = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
    for (const test of file.tests) {
      if (test.status === 'failed') counts.unexpected++;
      else if (test.status === 'skipped') counts.skipped++;
      else if (test.retries > 0) counts.flaky++;
      else counts.expected++;
    }
    files[file.file] = counts;
  }
  return files;
}

/** aqe's CLI in the e2e package, with aqe's own environment: nothing of e2e/node_modules/.bin on PATH. */
async function aqe<T>(args: string[], root: string, port: number): Promise<T> {
  const env = { ...process.env, AQE_CACHE: 'off', FIXTURE_PORT: String(port) };
  const { stdout, stderr } = await sh(process.execPath, [CLI, ...args, '--cwd', join(root, 'e2e')], { env, maxBuffer: 64 << 20 }).catch((error: { stdout: string; stderr: string }) => error);
  try {
    return (JSON.parse(stdout) as { data: T }).data;
  } catch {
    throw new Error(`aqe ${args[0]} printed no JSON: ${stdout.slice(0, 500)}\n${stderr.slice(-2000)}`);
  }
}

describe.each(VERSIONS)('Playwright %s', { timeout: 300_000 }, (version) => {
  it('discovers the files `playwright test --list` lists and counts what its JSON reporter counts', async () => {
    const install = installFrameworks([`@playwright/test@${version}`]);
    expect(matrixVersion(install, '@playwright/test').startsWith(`${version}.`)).toBe(true);
    const root = matrixProject('versions-playwright', install, made);
    const e2e = join(root, 'e2e');
    // What npm does for the e2e package's dependency on fixture-server: its bin in e2e/node_modules/.bin.
    mkdirSync(join(e2e, 'node_modules/.bin'), { recursive: true });
    symlinkSync('../../../server/serve.mjs', join(e2e, 'node_modules/.bin/fixture-serve'));
    const port = await freePort();

    const [listing, discovered] = await Promise.all([playwrightJson(root, ['--list'], port), aqe<DiscoverReport>(['discover', '--json', '--no-cache'], root, port)]);
    expect(listing.errors).toEqual([]);
    const listed = Object.keys(perFile(listing, e2e)).sort();
    expect(listed).toEqual(FILES);
    expect(discovered.runners.map((r) => r.runner)).toEqual(['playwright']);
    expect(discovered.runners[0]!.files).toEqual(listed);

    // One after the other: both start the web server on the same port.
    const own = await playwrightJson(root, [], port);
    expect(own.errors).toEqual([]);
    const run = await aqe<RunResult>(['run', '--format', 'json', '--runner', 'playwright'], root, port);
    expect(run.files.map((f) => f.file)).toEqual(FILES);
    expect(aqeCounts(run)).toEqual(perFile(own, e2e));
    expect(run.summary).toMatchObject({ passed: own.stats.expected + own.stats.flaky, failed: own.stats.unexpected, skipped: own.stats.skipped });
    // The fixture has each outcome, and the web server (a bin from node_modules/.bin) answered.
    expect(own.stats).toMatchObject({ unexpected: 4, flaky: 2, expected: existsSync('/usr/bin/chromium') ? 16 : 15, skipped: existsSync('/usr/bin/chromium') ? 5 : 6 });
    const pass = run.files.find((f) => f.file === 'tests/pass.spec.ts')!.tests;
    expect(pass.filter((t) => t.titlePath.at(-1) === 'the web server answers').map((t) => [t.titlePath[0], t.status])).toEqual([
      ['alpha', 'passed'],
      ['beta', 'passed'],
    ]);
    // Project first, then the describe blocks, in every version.
    expect(pass.filter((t) => t.titlePath.at(-1) === 'nested passes').map((t) => t.id)).toEqual(['tests/pass.spec.ts > alpha > outer > inner > nested passes', 'tests/pass.spec.ts > beta > outer > inner > nested passes']);
  });
});

describe('Playwright 1.40, listed through its CLI', { timeout: 300_000 }, () => {
  it('lists a test file that does not load with the others, where `playwright test --list` lists nothing', async () => {
    const root = matrixProject('versions-playwright', installFrameworks(['@playwright/test@1.40']), made);
    writeFileSync(join(root, 'e2e/tests/syntax.spec.ts'), "import { test } from '@playwright/test';\ntest('never', () => {\n");
    const port = await freePort();
    const listing = await playwrightJson(root, ['--list'], port);
    expect(listing.errors.map((e) => e.message)).toEqual([expect.stringContaining('syntax.spec.ts')]);
    expect(Object.keys(perFile(listing, join(root, 'e2e')))).toEqual([]);
    const discovered = await aqe<DiscoverReport>(['discover', '--json', '--no-cache'], root, port);
    expect(discovered.runners[0]!.files).toEqual([...FILES, 'tests/syntax.spec.ts'].sort());
  });
});
