import { execFile } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DiscoverReport, RunResult } from '@aqe/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, Sandbox } from './support/aqe.js';

// A pnpm workspace of five packages with the frameworks hoisted to the root and no root test
// config (test/fixtures/workspace-pnpm): `aqe run` at the root must run every package's tests
// in that package, with the counts its own `test` script gives, and inside one package only
// that package's.

const sh = promisify(execFile);
const PACKAGES = ['api', 'scripts', 'ui', 'utils', 'web'] as const;
type Counts = { tests: number; passed: number; failed: number; skipped: number };

let sandbox: Sandbox;
let root: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await Sandbox.create();
  root = await sandbox.linkedProject('workspace-pnpm');
  // As pnpm links a package's own bins for it: node_modules/.bin/fixture-serve in packages/web.
  await mkdir(join(root, 'packages/web/node_modules/.bin'), { recursive: true });
  await symlink('../../bin/fixture-serve.js', join(root, 'packages/web/node_modules/.bin/fixture-serve'));
  env = { AQE_CACHE: 'off', FIXTURE_PORT: String(await freePort()), CI: '1' };
});
afterAll(() => sandbox.remove());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The package's own `test` script through npm (PATH as npm gives it), with its framework's machine-readable report. */
async function ownCounts(pkg: (typeof PACKAGES)[number]): Promise<Counts> {
  const cwd = join(root, 'packages', pkg);
  const reporter: Record<typeof pkg, string[]> = {
    ui: ['--reporter=json'],
    utils: ['--reporter=json'],
    api: ['--json'],
    scripts: ['--test-reporter=tap'],
    web: ['--reporter=json'],
  };
  const { VITEST: _v, VITEST_WORKER_ID: _w, VITEST_POOL_ID: _p, VITEST_MODE: _m, NODE_ENV: _n, ...base } = process.env;
  const out = await sh('npm', ['test', '--silent', '--', ...reporter[pkg]], { cwd, env: { ...base, ...env }, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string }) => error);
  const stdout = out.stdout;
  if (pkg === 'scripts') {
    const n = (word: string) => Number(new RegExp(`^# ${word} (\\d+)$`, 'm').exec(stdout)?.[1]);
    return { tests: n('tests'), passed: n('pass'), failed: n('fail') + n('cancelled'), skipped: n('skipped') + n('todo') };
  }
  const json = JSON.parse(stdout.slice(stdout.indexOf('{')));
  if (pkg === 'web') {
    const s = json.stats as { expected: number; unexpected: number; skipped: number; flaky: number };
    return { tests: s.expected + s.unexpected + s.skipped + s.flaky, passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
  }
  return { tests: json.numTotalTests, passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
}

function aqeCounts(run: RunResult, pkg: string): Counts {
  const tests = run.files.filter((f) => f.file.startsWith(`packages/${pkg}/`)).flatMap((f) => f.tests);
  const count = (status: string) => tests.filter((t) => t.status === status).length;
  return { tests: tests.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') + count('todo') };
}

describe('a pnpm workspace with five packages and the frameworks hoisted to the root', { timeout: 300_000 }, () => {
  it('aqe discover at the root lists every package as a project, each by its own config', async () => {
    const report = jsonData<DiscoverReport>(await sandbox.run(['discover', '--format', 'json'], root, env), 'discover');
    expect(report.runners.map((r) => [r.project, r.runner, r.files])).toEqual([
      ['packages/api', 'jest', ['packages/api/src/health.test.js', 'packages/api/src/users.test.js']],
      ['packages/scripts', 'node', ['packages/scripts/test/release.test.mjs']],
      ['packages/ui', 'vitest', ['packages/ui/src/broken.test.ts', 'packages/ui/src/button.test.ts']],
      ['packages/utils', 'vitest', ['packages/utils/lib/sum.test.js']],
      ['packages/web', 'playwright', ['packages/web/e2e/health.spec.js']],
    ]);
  });

  it("aqe run at the root runs every package with the counts of the package's own test script, and fails as one of them fails", async () => {
    const result = await sandbox.run(['run', '--format', 'json'], root, env);
    const run = jsonData<RunResult>(result, 'run');
    expect(result.code).toBe(1);
    for (const pkg of PACKAGES) expect(aqeCounts(run, pkg), pkg).toEqual(await ownCounts(pkg));
    expect(run.summary).toMatchObject({ files: 7, tests: 17, failed: 1 });
  });

  it('inside one package, aqe runs only that package, as its own test script would', async () => {
    const result = await sandbox.run(['run', '--format', 'json'], join(root, 'packages/utils'), env);
    const run = jsonData<RunResult>(result, 'run');
    expect(result.code).toBe(0);
    expect(run.files.map((f) => f.file)).toEqual(['lib/sum.test.js']);
    expect(run.summary).toMatchObject({ tests: 2, passed: 2 });
  });

  it('--project selects packages by name or directory glob', async () => {
    const run = jsonData<RunResult>(await sandbox.run(['run', '--format', 'json', '--project', '@fixture/api', '--project', 'packages/sc*'], root, env), 'run');
    expect([...new Set(run.files.map((f) => f.file.split('/').slice(0, 2).join('/')))]).toEqual(['packages/api', 'packages/scripts']);
  });
});
