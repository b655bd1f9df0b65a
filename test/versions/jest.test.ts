import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import jestPlugin from '@aqe/runner-jest';
import { afterAll, describe, expect, it } from 'vitest';
import { runnerOf } from '../run/support.js';
import { installFrameworks, matrixProject, matrixVersion, removeAll, repoRoot } from '../support/framework-install.js';

/**
 * The Jest version matrix: for each major users run, aqe's discovery equals the installed
 * Jest's own `--listTests`, and aqe's run counts equal its own `--json` summary, per file
 * and per status, in the same test. The fixtures are plain CommonJS, so every Jest runs
 * them with its own default transform, config in package.json#jest as Jest 22 had it.
 */
const AQE = join(repoRoot, 'cli/bin/run.js');
const made: string[] = [];
afterAll(() => removeAll(made));

type Counts = Record<string, { passed: number; failed: number; skipped: number; todo: number }>;

interface JestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  /** From Jest 24, with test.todo. */
  numTodoTests?: number;
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

interface Output {
  stream: 'stdout' | 'stderr';
  text: string;
}

interface AqeRun {
  summary: { tests: number; passed: number; failed: number; skipped: number; todo: number };
  files: { file: string; output?: Output[]; tests: { titlePath: string[]; status: 'passed' | 'failed' | 'skipped' | 'todo'; output?: Output[] }[] }[];
}

/** stdout of `node ...args` in `cwd`, whatever the exit code (Jest exits 1 when a test fails). */
function nodeStdout(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout) => resolve(stdout));
  });
}

/** Jest's JSON is its output's last line (a config may print before it). */
const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1)!;

const JEST_STATUS: Record<string, keyof Counts[string]> = { passed: 'passed', failed: 'failed', pending: 'skipped', skipped: 'skipped', disabled: 'skipped', todo: 'todo' };

function count(into: Counts, file: string, status: keyof Counts[string]): void {
  into[file] ??= { passed: 0, failed: 0, skipped: 0, todo: 0 };
  into[file][status]++;
}

/** Jest's own listing, discovery by aqe's CLI, Jest's own run (--ci) and aqe's run (CI=1: --ci too), in turn. */
async function compare(dir: string): Promise<{ jest: JestReport; aqe: AqeRun; jestCounts: Counts; aqeCounts: Counts }> {
  const jestBin = join(dir, 'node_modules/jest/bin/jest.js');
  const listed = (JSON.parse(lastLine(await nodeStdout([jestBin, '--listTests', '--json'], dir))) as string[]).map((path) => relative(dir, path)).sort();
  const discovered = JSON.parse(await nodeStdout([AQE, 'discover', '--json', '--no-cache', '--cwd', dir], dir)) as { data: { runners: { runner: string; files: string[]; error?: unknown }[] } };
  const jestEntry = discovered.data.runners.find((r) => r.runner === 'jest');
  expect(jestEntry?.error).toBeUndefined();
  expect(jestEntry?.files).toEqual(listed);

  const jest = JSON.parse(lastLine(await nodeStdout([jestBin, '--ci', '--json'], dir))) as JestReport;
  const aqe = (JSON.parse(await nodeStdout([AQE, 'run', '--format', 'json', '--no-cache', '--cwd', dir], dir, { ...process.env, CI: '1' })) as { data: AqeRun }).data;
  const jestCounts: Counts = {};
  for (const suite of jest.testResults) for (const test of suite.assertionResults) count(jestCounts, relative(dir, suite.name), JEST_STATUS[test.status] ?? 'failed');
  const aqeCounts: Counts = {};
  for (const file of aqe.files) for (const test of file.tests) count(aqeCounts, file.file, test.status);
  expect(aqeCounts).toEqual(jestCounts);
  expect(aqe.summary).toMatchObject({
    tests: jest.numTotalTests,
    passed: jest.numPassedTests,
    failed: jest.numFailedTests,
    skipped: jest.numPendingTests,
    todo: jest.numTodoTests ?? 0,
  });
  return { jest, aqe, jestCounts, aqeCounts };
}

// Installing a major the first time takes up to a minute; a run of all four commands ~10 s.
const TIMEOUT_MS = 240_000;

describe.each([22, 23, 24, 25, 26, 27, 28, 29, 30])('Jest %i', (major) => {
  it(
    "aqe discovers what jest --listTests lists and counts each file's tests by status as jest --json does",
    async () => {
      const install = installFrameworks([`jest@${major}`]);
      expect(matrixVersion(install, 'jest').split('.')[0]).toBe(String(major));
      const dir = matrixProject('versions-jest', install, made);
      const snapshots = join(dir, 'test/__snapshots__/snap.test.js.snap');
      const stored = readFileSync(snapshots, 'utf8');

      const { aqe, aqeCounts } = await compare(dir);
      // What each test logged is on the test (Jest's console places, from 22 on), module scope on the file.
      const fail = aqe.files.find((f) => f.file === 'test/fail.test.js')!;
      expect(fail.output).toEqual([{ stream: 'stdout', text: 'loading fail.test.js\n' }]);
      expect(fail.tests.map((t) => [t.titlePath.at(-1), t.output])).toEqual([
        ['passes', undefined],
        ['fails an assertion', [{ stream: 'stdout', text: 'adding 1 1\n' }]],
        ['throws', [{ stream: 'stderr', text: 'about to throw\n' }]],
      ]);
      // The fixture has every outcome: the comparison is not vacuous.
      expect(Object.keys(aqeCounts).sort()).toEqual(['src/__tests__/math.js', 'test/fail.test.js', 'test/skip.spec.js', 'test/snap.test.js']);
      expect(aqeCounts['test/skip.spec.js']).toEqual({ passed: 1, failed: 0, skipped: 3, todo: major >= 24 ? 1 : 0 });
      expect(aqeCounts['test/snap.test.js']).toEqual({ passed: 1, failed: 2, skipped: 0, todo: 0 });
      // --ci: the missing snapshot was not written, the changed one not updated.
      expect(readFileSync(snapshots, 'utf8')).toBe(stored);
    },
    TIMEOUT_MS,
  );
});

describe.each([24, 29, 30])('Jest %i with two projects', (major) => {
  it(
    'counts a file both projects claim twice, as Jest runs and counts it, and every other file once',
    async () => {
      const dir = matrixProject('versions-jest-projects', installFrameworks([`jest@${major}`]), made);
      const { aqeCounts } = await compare(dir);
      expect(aqeCounts['shared/common.test.js']).toEqual({ passed: 4, failed: 0, skipped: 2, todo: 0 });
      expect(aqeCounts['api/routes.spec.js']).toEqual({ passed: 2, failed: 0, skipped: 0, todo: 0 });
    },
    TIMEOUT_MS,
  );
});

describe('retries across Jest versions', () => {
  const flaky =
    "const fs = require('fs');\nconst marker = require('path').join(__dirname, 'attempted');\n\ntest('flaky', () => {\n  if (fs.existsSync(marker)) return;\n  fs.writeFileSync(marker, '');\n  throw new Error('first attempt fails');\n});\n";

  it.each([
    [22, 'retries need Jest 24 or later'],
    [25, 'jest.retryTimes works only with the jest-circus test runner'],
    [30, undefined],
  ])(
    'Jest %i retries a failing test where it can, and says once where it cannot',
    async (major, notice) => {
      const dir = matrixProject('versions-jest', installFrameworks([`jest@${major}`]), made);
      writeFileSync(join(dir, 'test/flaky.test.js'), flaky);
      const result = await (await runnerOf(jestPlugin)).run!(['test/flaky.test.js'], { root: dir, detection: { runner: 'jest', configFiles: ['package.json'] }, retries: 1 });
      const test = result.files[0]!.tests[0]!;
      if (notice === undefined) {
        expect(test).toMatchObject({ status: 'passed', retries: 1 });
        expect(result.notices).toBeUndefined();
      } else {
        expect(test).toMatchObject({ status: 'failed', retries: 0 });
        expect(result.notices).toEqual([expect.stringContaining(notice)]);
      }
    },
    TIMEOUT_MS,
  );
});
