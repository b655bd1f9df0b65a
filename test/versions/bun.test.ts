import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult, TestStatus } from '@aqe/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { installFrameworks, matrixProject, matrixVersion, removeAll, repoRoot } from '../support/framework-install.js';

// `aqe run --runner bun` on a Jest suite must count what Jest counts, whichever Jest the suite
// has. The fixture has what bun test does differently: a failing beforeAll (bun reports one
// "(unnamed)" failure and none of the tests, Jest fails each), a failing afterAll (Jest fails
// the file, not a test) and a file that works only through Jest's moduleNameMapper (bun loads
// the stylesheet instead of the stub, and the test fails there rather than failing to load).

const sh = promisify(execFile);
const made: string[] = [];
afterAll(() => removeAll(made));
const CLI = join(repoRoot, 'cli/bin/run.js');
const REPO_BIN = join(repoRoot, 'node_modules/.bin');
// The matrix project's node_modules holds that Jest alone: bun is found on PATH.
const envWithBun = (bunDir: string) => ({ ...process.env, AQE_CACHE: 'off', PATH: [bunDir, process.env.PATH].join(delimiter) });

interface JestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

const STATUS: Record<string, TestStatus> = { passed: 'passed', failed: 'failed', pending: 'skipped', skipped: 'skipped', disabled: 'skipped', todo: 'todo' };

/** Per file (relative), how many tests of each status. */
function tally(entries: [string, TestStatus[]][]): Record<string, Partial<Record<TestStatus, number>>> {
  const out: Record<string, Partial<Record<TestStatus, number>>> = {};
  for (const [file, statuses] of entries) {
    const counts: Partial<Record<TestStatus, number>> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    out[file] = counts;
  }
  return out;
}

/** `aqe run --runner bun` and `jest --json` on the fixture with this Jest, bun from `bunDir`: the same counts per file and in total. */
async function compareWithJest(jestMajor: number, bunDir: string): Promise<void> {
  const install = installFrameworks([`jest@${jestMajor}`]);
  expect(matrixVersion(install, 'jest').split('.')[0]).toBe(String(jestMajor));
  const cwd = matrixProject('versions-bun', install, made);
  const env = envWithBun(bunDir);

  const jestBin = join(install, 'node_modules/jest/bin/jest.js');
  const own = await sh(process.execPath, [jestBin, '--json', '--ci'], { cwd, env }).catch((error: { stdout: string }) => error);
  const jest = JSON.parse(own.stdout) as JestJson;
  const aqeOut = await sh(process.execPath, [CLI, 'run', '--runner', 'bun', '--format', 'json', '--cwd', cwd], { env }).catch((error: { stdout: string }) => error);
  const run = (JSON.parse(aqeOut.stdout) as { data: RunResult }).data;

  // bun ran what it runs as Jest does; Jest the files only it runs right.
  expect(run.files.map((f) => [f.file, f.runner, f.fallbackFrom ?? null])).toEqual([
    ['tests/after-all.test.js', 'bun', null],
    ['tests/before-all.test.js', 'jest', 'bun'],
    ['tests/fail.test.js', 'bun', null],
    ['tests/mapped.test.js', 'jest', 'bun'],
    ['tests/pass.test.js', 'bun', null],
    ['tests/skip.test.js', 'bun', null],
  ]);
  expect(run.summary).toMatchObject({
    tests: jest.numTotalTests,
    passed: jest.numPassedTests,
    failed: jest.numFailedTests,
    skipped: jest.numPendingTests,
    todo: jest.numTodoTests,
  });
  expect(tally(run.files.map((f) => [f.file, f.tests.map((t) => t.status)]))).toEqual(tally(jest.testResults.map((r) => [r.name.slice(cwd.length + 1), r.assertionResults.map((a) => STATUS[a.status]!)])));
  // A failing afterAll fails the file as Jest does, its tests keep their results.
  const afterAllFile = run.files.find((f) => f.file === 'tests/after-all.test.js')!;
  expect(afterAllFile).toMatchObject({ status: 'failed', error: { message: expect.any(String) } });
  expect(afterAllFile.error!.message).not.toBe('');
  expect(run.notices).toEqual([expect.stringContaining('jest ran 2 of 6 file(s) bun was to run')]);
}

describe.each([27, 29, 30] as const)('aqe run --runner bun on a Jest %i suite', { timeout: 240_000 }, (major) => {
  it('counts what jest --json counts, per file and in total', () => compareWithJest(major, REPO_BIN));
});

// Bun itself from npm: @oven/bun-linux-x64 holds the binary the `bun` package links (1.1 is
// outside `supports`: its JUnit report has no describe blocks).
describe.each(['1.2', '1.3'] as const)('aqe run --runner bun with Bun %s', { timeout: 240_000 }, (version) => {
  it('counts what Jest 30 counts', async () => {
    const install = installFrameworks([`@oven/bun-linux-x64@${version}`]);
    expect(matrixVersion(install, '@oven/bun-linux-x64').startsWith(`${version}.`)).toBe(true);
    await compareWithJest(30, join(install, 'node_modules/@oven/bun-linux-x64/bin'));
  });
});
