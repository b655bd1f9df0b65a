import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKernel, type DiscoverReport } from '@aqe/kernel';
import vitestPlugin from '@aqe/runner-vitest';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../support/scratch-dirs.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const vitestCli = join(repoRoot, 'node_modules/vitest/vitest.mjs');
const run = promisify(execFile);
const tempDir = scratchDirs('aqe-vitest-');

/** A project outside the repo that still resolves vitest: node_modules links to the repo's. */
function tempProject(files: Record<string, string>, under = ''): string {
  const top = tempDir();
  symlinkSync(join(repoRoot, 'node_modules'), join(top, 'node_modules'), 'dir');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), content);
  }
  return join(top, under);
}

/** What Vitest itself lists, relative to the project: the acceptance bar. */
async function vitestList(dir: string, args: string[] = []): Promise<string[]> {
  // The suite runs inside Vitest; its worker variables must not leak into the child Vitest.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const { stdout } = await run(process.execPath, [vitestCli, 'list', '--filesOnly', '--json', ...args], { cwd: dir, env });
  const entries = JSON.parse(stdout) as { file: string }[];
  return [...new Set(entries.map((e) => relative(dir, e.file).split(sep).join('/')))].sort();
}

async function discover(dir: string): Promise<{ first: DiscoverReport; second: DiscoverReport }> {
  const kernel = await createKernel({ cwd: dir, plugins: [{ plugin: vitestPlugin }], storeDir: tempDir() });
  try {
    const first = await kernel.discover();
    await kernel.store.flushed();
    return { first, second: await kernel.discover() };
  } finally {
    await kernel.dispose();
  }
}

describe('runner-vitest discovery equals `vitest list --filesOnly`', () => {
  it.each(['vitest-basic', 'vitest-config', 'vitest-projects'])('%s', async (fixture) => {
    const dir = join(repoRoot, 'test/fixtures', fixture);
    const [expected, { first, second }] = await Promise.all([vitestList(dir), discover(dir)]);
    expect(expected.length).toBeGreaterThan(0);
    expect(first.runners).toHaveLength(1);
    expect(first.runners[0]).toMatchObject({ runner: 'vitest', cached: false, files: expected });
    expect(first.runners[0]!.error).toBeUndefined();
    // Warm: the kernel's cache answers without loading the config again.
    expect(second.runners[0]).toMatchObject({ cached: true, files: expected });
  });

  it('reads the config the test script names (vitest run --config x), as npm test does', async () => {
    const dir = join(repoRoot, 'test/fixtures/vitest-script-config');
    const [expected, { first }] = await Promise.all([vitestList(dir, ['--config', 'config/vitest.unit.mjs']), discover(dir)]);
    expect(expected).toEqual(['checks/math.check.js', 'checks/text.check.js']);
    expect(first.runners[0]).toMatchObject({ runner: 'vitest', configFiles: ['config/vitest.unit.mjs'], files: expected });
  });

  it('re-resolves when a module the config imports changes', async () => {
    const top = tempDir();
    // Without the fixture's node_modules: Vite leaves its temp files there.
    cpSync(join(repoRoot, 'test/fixtures/vitest-config'), top, { recursive: true, filter: (path) => !path.includes(`${sep}node_modules`) });
    symlinkSync(join(repoRoot, 'node_modules'), join(top, 'node_modules'), 'dir');
    const kernel = await createKernel({ cwd: top, plugins: [{ plugin: vitestPlugin }], storeDir: tempDir() });
    try {
      expect((await kernel.discover()).runners[0]!.files).toEqual(await vitestList(top));
      await kernel.store.flushed();
      expect((await kernel.discover()).runners[0]!.cached).toBe(true);
      writeFileSync(join(top, 'config/test-globs.ts'), "export const testGlobs = ['**/*.spec.ts'];\nexport const excluded: string[] = [];\n");
      const after = (await kernel.discover()).runners[0]!;
      expect(after.cached).toBe(false);
      expect(after.files).toEqual(await vitestList(top));
      expect(after.files).toContain('packages/core/src/sum.spec.ts');
    } finally {
      await kernel.dispose();
    }
  });

  it('uses the config Vitest finds in a parent directory', async () => {
    const dir = tempProject(
      {
        'vitest.config.mjs': "export default { test: { include: ['**/*.unit.js'] } };\n",
        'pkg/package.json': JSON.stringify({ name: 'pkg', devDependencies: { vitest: '*' } }),
        'pkg/a.unit.js': '',
        'pkg/b.test.js': '',
      },
      'pkg',
    );
    const { first } = await discover(dir);
    expect(first.runners[0]).toMatchObject({ configFiles: ['../vitest.config.mjs'], files: await vitestList(dir) });
    expect(first.runners[0]!.files).toEqual(['a.unit.js']);
  });

  it.each([
    ['a syntax error', 'export default {\n'],
    ['a config that throws', "throw new Error('no config for you');\n"],
  ])('%s is AQE_RUNNER_CONFIG_FAILED naming the config file', async (_name, config) => {
    const dir = tempProject({ 'package.json': JSON.stringify({ devDependencies: { vitest: '*' } }), 'vitest.config.ts': config, 'a.test.ts': '' });
    const { first } = await discover(dir);
    expect(first.runners[0]).toMatchObject({ runner: 'vitest', files: [], error: { code: 'AQE_RUNNER_CONFIG_FAILED' } });
    expect(first.runners[0]!.error!.message).toContain('could not load vitest.config.ts');
  });

  it.each([
    ['no package.json and no config', {}],
    ['another framework only', { 'package.json': JSON.stringify({ devDependencies: { jest: '*' } }), 'a.test.js': '' }],
    ['a Vite app without Vitest', { 'package.json': JSON.stringify({ devDependencies: { vite: '*' } }), 'vite.config.js': 'export default {};\n' }],
  ])('is not detected with %s', async (_name, files: Record<string, string>) => {
    const dir = tempDir();
    for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
    const { first } = await discover(dir);
    expect(first.runners).toEqual([]);
  });
});
