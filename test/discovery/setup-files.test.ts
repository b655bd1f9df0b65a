import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKernel, type PluginInput } from '@aqe/kernel';
import jestPlugin from '@aqe/runner-jest';
import vitestPlugin from '@aqe/runner-vitest';
import { afterAll, describe, expect, it } from 'vitest';

// Setup files run with every test file: they are discovery inputs, so the result cache
// (which keys on a runner's inputs) re-runs tests when one changes.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-setup-files-'));
  temps.push(dir);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Discovers twice per call site: `cached` says whether the kernel reused the last result. */
async function discover(dir: string, store: string, plugin: PluginInput['plugin'], runner: string): Promise<{ files: string[]; cached: boolean }> {
  const kernel = await createKernel({ cwd: dir, plugins: [{ plugin }], storeDir: store, config: { discoverInstalled: false } });
  try {
    const entry = (await kernel.discover()).runners.find((r) => r.runner === runner);
    await kernel.store.flushed();
    return { files: entry?.files ?? [], cached: entry?.cached ?? false };
  } finally {
    await kernel.dispose();
  }
}

describe.each([
  {
    runner: 'jest',
    plugin: jestPlugin,
    files: {
      'package.json': '{ "name": "p", "devDependencies": { "jest": "*" } }',
      'jest.config.js': "module.exports = { setupFiles: ['<rootDir>/setup/env.js'], setupFilesAfterEnv: ['<rootDir>/setup/after-env.js'], globalSetup: '<rootDir>/setup/global.js' };\n",
      'setup/env.js': '',
      'setup/after-env.js': '',
      'setup/global.js': 'module.exports = async () => {};\n',
      'a.test.js': "test('a', () => {});\n",
    },
  },
  {
    runner: 'vitest',
    plugin: vitestPlugin,
    files: {
      'package.json': '{ "name": "p", "type": "module", "devDependencies": { "vitest": "*" } }',
      'vitest.config.mjs': "export default { test: { setupFiles: ['setup/env.js', 'setup/after-env.js'], globalSetup: 'setup/global.js' } };\n",
      'setup/env.js': '',
      'setup/after-env.js': '',
      'setup/global.js': 'export default async () => {};\n',
      'a.test.js': "import { test } from 'vitest';\ntest('a', () => {});\n",
    },
  },
])('$runner setup files', ({ runner, plugin, files }) => {
  it.each(['setup/env.js', 'setup/after-env.js', 'setup/global.js'])('an edit to %s re-resolves the config', async (setup) => {
    const dir = project(files);
    const store = mkdtempSync(join(tmpdir(), 'aqe-setup-store-'));
    temps.push(store);
    expect(await discover(dir, store, plugin, runner)).toEqual({ files: ['a.test.js'], cached: false });
    expect((await discover(dir, store, plugin, runner)).cached).toBe(true);
    writeFileSync(join(dir, setup), '// changed\n');
    expect((await discover(dir, store, plugin, runner)).cached).toBe(false);
  });
});
