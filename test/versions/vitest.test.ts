import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoverReport, RunResult } from '@aqe/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { installFrameworks, matrixProject, matrixVersion, removeAll, repoRoot } from '../support/framework-install.js';

// Vitest under each major users run. Vitest 1–2 report tasks to reporters and run
// `globTestFiles` specs with `runFiles`; 3–4 report test modules and cases and run
// specifications; 4 alone has `createCoverageProvider`. The runner picks per major: each is
// checked here against Vitest's own listing and its own JSON reporter, in the same test.

const sh = promisify(execFile);
const made: string[] = [];
afterAll(() => removeAll(made));
const CLI = join(repoRoot, 'cli/bin/run.js');
// The suite runs inside Vitest: its worker variables must not reach the Vitest under test.
// CI: a missing snapshot fails instead of being written, in both runs. No aqe caches.
const ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))), CI: 'true', AQE_CACHE: 'off' };

type Counts = Record<string, Record<string, number>>;

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

async function aqe<T>(args: string[], cwd: string): Promise<{ data: T; code: number }> {
  const { stdout, code } = await sh(process.execPath, [CLI, ...args, '--cwd', cwd], { env: ENV, maxBuffer: 1 << 26 }).then(
    (done) => ({ ...done, code: 0 }),
    (error: { stdout: string; code: number }) => error,
  );
  return { data: (JSON.parse(stdout) as { data: T }).data, code };
}

function vitest(cwd: string, args: string[]): Promise<{ stdout: string }> {
  return sh(process.execPath, [join(cwd, 'node_modules/vitest/vitest.mjs'), ...args], { cwd, env: ENV, maxBuffer: 1 << 26 }).catch((error: { stdout: string }) => error);
}

/** `vitest list --filesOnly --json` (Vitest 2 and later; Vitest 1 has no `list`): the files, relative. */
async function vitestList(cwd: string): Promise<string[]> {
  const { stdout } = await vitest(cwd, ['list', '--filesOnly', '--json']);
  return [...new Set((JSON.parse(stdout) as { file: string }[]).map((e) => relative(cwd, e.file)))].sort();
}

/** `vitest run --reporter=json`: its summary and, per file, its tests by status (a file two projects run is summed). */
async function vitestJson(cwd: string): Promise<{ report: JsonReport; files: string[]; counts: Counts }> {
  const output = join(cwd, 'vitest-report.json');
  await vitest(cwd, ['run', '--reporter=json', `--outputFile=${output}`]);
  const report = JSON.parse(readFileSync(output, 'utf8')) as JsonReport;
  const counts: Counts = {};
  for (const result of report.testResults) {
    const file = relative(cwd, result.name);
    const byStatus = counts[file] ?? {};
    counts[file] = byStatus;
    for (const { status } of result.assertionResults) {
      // "pending" is Vitest's word for skipped in this report.
      const name = status === 'pending' ? 'skipped' : status;
      byStatus[name] = (byStatus[name] ?? 0) + 1;
    }
  }
  return { report, files: Object.keys(counts).sort(), counts };
}

function aqeCounts(run: RunResult): Counts {
  const counts: Counts = {};
  for (const file of run.files) {
    const byStatus: Record<string, number> = {};
    for (const test of file.tests) byStatus[test.status] = (byStatus[test.status] ?? 0) + 1;
    counts[file.file] = byStatus;
  }
  return counts;
}

/** Discovery equals Vitest's listing, the run equals Vitest's JSON reporter per file and status. */
async function compare(cwd: string, major: number): Promise<RunResult> {
  const [own, discovered] = await Promise.all([vitestJson(cwd), aqe<DiscoverReport>(['discover', '--json', '--no-cache'], cwd)]);
  expect(discovered.data.runners.map((r) => [r.runner, r.error])).toEqual([['vitest', undefined]]);
  expect(discovered.data.runners[0]!.files).toEqual(own.files);
  if (major >= 2) expect(discovered.data.runners[0]!.files).toEqual(await vitestList(cwd));

  const { data: run, code } = await aqe<RunResult>(['run', '--format', 'json'], cwd);
  expect(code).toBe(1);
  expect(aqeCounts(run)).toEqual(own.counts);
  const { summary } = run;
  expect({ tests: summary.tests, failed: summary.failed, todo: summary.todo }).toEqual({ tests: own.report.numTotalTests, failed: own.report.numFailedTests, todo: own.report.numTodoTests });
  // The summary of Vitest 1 and 2.0 counts skipped tests as passed (numPassedTests = total - failed); its per-test statuses, compared above, do not.
  if (major >= 2) expect({ passed: summary.passed, skipped: summary.skipped }).toEqual({ passed: own.report.numPassedTests, skipped: own.report.numPendingTests });
  return run;
}

describe.each([1, 2, 3, 4])('Vitest %i', { timeout: 300_000 }, (major) => {
  const install = () => {
    const dir = installFrameworks([`vitest@${major}`]);
    expect(matrixVersion(dir, 'vitest').split('.')[0]).toBe(String(major));
    return dir;
  };

  it('discovers what Vitest lists and counts what its JSON reporter counts', async () => {
    const cwd = matrixProject('versions-vitest', install(), made);
    const snapshot = readFileSync(join(cwd, 'tests/__snapshots__/snapshot.test.js.snap'), 'utf8');
    const run = await compare(cwd, major);
    expect(run.summary).toMatchObject({ files: 6, tests: 19, passed: 12, failed: 3, skipped: 3, todo: 1 });
    // test.fails: passed when it fails as expected, failed when it passes.
    const fails = run.files.find((f) => f.file === 'tests/fail.test.js')!;
    expect(fails.tests.filter((t) => t.titlePath.length === 1).map((t) => [t.titlePath[0], t.status])).toEqual([
      ['is expected to fail', 'passed'],
      ['was expected to fail but passed', 'failed'],
    ]);
    // What a test printed is on the test, what the file printed outside its tests on the file, in order.
    expect(fails.tests.find((t) => t.titlePath.join(' > ') === 'failures > throws')!.output).toEqual([
      { stream: 'stdout', text: 'printed by the failing test\n' },
      { stream: 'stderr', text: 'and on stderr\n' },
    ]);
    expect(fails.output).toEqual([
      { stream: 'stdout', text: 'printed while the file loads\n' },
      { stream: 'stderr', text: 'printed by a describe hook\n' },
    ]);
    // describe.each with one title twice: two tests, two ids.
    const modes = run.files.find((f) => f.file === 'tests/modes.test.js')!;
    expect(modes.tests.filter((t) => t.titlePath[0] === 'same title').map((t) => t.id)).toEqual(['tests/modes.test.js > same title > doubles', 'tests/modes.test.js > same title > doubles (2)']);
    expect(run.files.find((f) => f.file === 'tests/snapshot.test.js')!.status).toBe('passed');
    expect(readFileSync(join(cwd, 'tests/__snapshots__/snapshot.test.js.snap'), 'utf8')).toBe(snapshot);

    // --bail cancels Vitest's run after the first failing file; files it never ran are left out (Vitest 1 lists them as skipped, unrun).
    const bailed = await aqe<RunResult>(['run', '--format', 'json', '--bail'], cwd);
    expect(bailed.code).toBe(1);
    expect(bailed.data.files.filter((f) => f.status === 'failed').map((f) => f.file)).toEqual(['tests/fail.test.js']);
    for (const file of bailed.data.files) expect(file.tests.length).toBe(run.files.find((f) => f.file === file.file)!.tests.length);
  });

  const projects = [...(major <= 3 ? ['versions-vitest-workspace'] : []), ...(major >= 3 ? ['versions-vitest-projects'] : [])];
  it.each(projects)('runs each project of %s once, a file two projects include in both', async (fixture) => {
    const cwd = matrixProject(fixture, install(), made);
    const run = await compare(cwd, major);
    expect(run.summary).toMatchObject({ files: 4, tests: 9, passed: 5, failed: 1, skipped: 2, todo: 1 });
    // One result for the file, its tests led by the project that ran them.
    expect(
      run.files
        .find((f) => f.file === 'packages/core/src/twice.test.js')!
        .tests.map((t) => t.titlePath[0])
        .sort(),
    ).toEqual(['core', 'core', 'shared', 'shared']);
  });
});

describe('Vitest 3 alone', { timeout: 300_000 }, () => {
  it('reads the inline test.workspace (3.0–3.1, deprecated in 3.2) as it reads test.projects', async () => {
    const cwd = matrixProject('versions-vitest-projects', installFrameworks(['vitest@3']), made);
    const config = readFileSync(join(cwd, 'vitest.config.mjs'), 'utf8');
    writeFileSync(join(cwd, 'vitest.config.mjs'), config.replace('projects:', 'workspace:'));
    const run = await compare(cwd, 3);
    expect(run.summary).toMatchObject({ files: 4, tests: 9 });
  });
});

describe('Vitest before 1', { timeout: 300_000 }, () => {
  it('is one AQE_RUNNER_VERSION_UNSUPPORTED error, not a run', async () => {
    const cwd = matrixProject('versions-vitest', installFrameworks(['vitest@0.34']), made);
    const { data, code } = await aqe<DiscoverReport>(['discover', '--json', '--no-cache'], cwd);
    expect(code).not.toBe(0);
    expect(data.runners[0]?.error).toMatchObject({ code: 'AQE_RUNNER_VERSION_UNSUPPORTED' });
  });
});
