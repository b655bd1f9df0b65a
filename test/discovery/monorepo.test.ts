import { execFile } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKernel, type DiscoverReport } from '@aqe/kernel';
import jestPlugin from '@aqe/runner-jest';
import vitestPlugin from '@aqe/runner-vitest';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../support/scratch-dirs.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repoRoot, 'test/fixtures/monorepo-two-frameworks');
const jestBin = join(repoRoot, 'node_modules/.bin/jest');
const vitestCli = join(repoRoot, 'node_modules/vitest/vitest.mjs');
const TIMEOUT = 180_000;

const tempDir = scratchDirs('aqe-monorepo-store-');

/** Absolute paths as relative POSIX, de-duplicated and sorted like aqe's output. */
function relativeSorted(dir: string, files: readonly string[]): string[] {
  return [...new Set(files.map((file) => relative(dir, file).split(sep).join('/')))].sort();
}

/** What Jest itself lists when run in `dir`. */
async function jestListTests(dir: string): Promise<string[]> {
  const { stdout } = await run(jestBin, ['--listTests', '--json'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
  return relativeSorted(dir, JSON.parse(stdout) as string[]);
}

/** What Vitest itself lists when run in `dir`. */
async function vitestList(dir: string): Promise<string[]> {
  // The suite runs inside Vitest; its worker variables must not leak into the child Vitest.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const { stdout } = await run(process.execPath, [vitestCli, 'list', '--filesOnly', '--json'], { cwd: dir, env });
  return relativeSorted(
    dir,
    (JSON.parse(stdout) as { file: string }[]).map((entry) => entry.file),
  );
}

/** `aqe discover` in `dir` with both runner plugins and nothing installed picked up. */
async function discover(dir: string): Promise<DiscoverReport> {
  const kernel = await createKernel({ cwd: dir, plugins: [{ plugin: jestPlugin }, { plugin: vitestPlugin }], storeDir: tempDir(), config: { discoverInstalled: false } });
  try {
    return await kernel.discover();
  } finally {
    await kernel.dispose();
  }
}

function runnerEntry(report: DiscoverReport, id: string): DiscoverReport['runners'][number] {
  const entry = report.runners.find((r) => r.runner === id);
  expect(entry, `runner "${id}" detected`).toBeDefined();
  return entry!;
}

describe('discovery in an npm-workspaces monorepo with a Jest package and a Vitest package', () => {
  it(
    'from the root, each runner lists exactly what its framework lists there, and no file twice',
    async () => {
      const [jestFiles, vitestFiles, report] = await Promise.all([jestListTests(fixture), vitestList(fixture), discover(fixture)]);
      // The fixture does what it is for: each framework, run from the root, sees only its own
      // package (neither the other package's tests nor the files its own config leaves out).
      expect(jestFiles).toEqual(['packages/api/src/__tests__/health.js', 'packages/api/src/routes/__tests__/routes.js', 'packages/api/src/users.spec.js']);
      expect(vitestFiles).toEqual(['packages/web/src/components/button.test.ts', 'packages/web/src/format.test.ts']);

      expect(report.runners.map((r) => r.runner)).toEqual(['jest', 'vitest']);
      const jest = runnerEntry(report, 'jest');
      const vitest = runnerEntry(report, 'vitest');
      expect(jest.error).toBeUndefined();
      expect(vitest.error).toBeUndefined();
      expect(jest.configFiles).toEqual(['jest.config.js']);
      expect(vitest.configFiles).toEqual(['vitest.config.mjs']);
      expect(jest.files).toEqual(jestFiles);
      expect(vitest.files).toEqual(vitestFiles);
      expect(jest.files.filter((file) => vitest.files.includes(file))).toEqual([]);
      expect(report.total).toBe(jestFiles.length + vitestFiles.length);
    },
    TIMEOUT,
  );

  it(
    'from packages/web alone, the vitest runner lists what `vitest list` lists there',
    async () => {
      const web = join(fixture, 'packages/web');
      const [vitestFiles, report] = await Promise.all([vitestList(web), discover(web)]);
      expect(vitestFiles).toEqual(['src/components/button.test.ts', 'src/format.test.ts']);
      // packages/web neither depends on Jest nor configures or runs it.
      expect(report.runners.map((r) => r.runner)).toEqual(['vitest']);
      const vitest = runnerEntry(report, 'vitest');
      expect(vitest.error).toBeUndefined();
      expect(vitest.configFiles).toEqual(['vitest.config.mjs']);
      expect(vitest.files).toEqual(vitestFiles);
    },
    TIMEOUT,
  );
});
