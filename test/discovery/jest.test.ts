import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKernel, type DiscoverReport } from '@aqe/kernel';
import jestPlugin, { jestRunner } from '@aqe/runner-jest';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../support/scratch-dirs.js';

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(repoRoot, 'test/fixtures');
const jestBin = join(repoRoot, 'node_modules/.bin/jest');

const tempDir = scratchDirs('aqe-jest-');

/** What Jest itself lists, relative POSIX and sorted like aqe's output. */
async function jestListTests(dir: string): Promise<string[]> {
  const { stdout } = await execFileAsync(jestBin, ['--listTests', '--json'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
  return (JSON.parse(stdout) as string[]).map((file) => relative(dir, file).split(sep).join('/')).sort();
}

async function jestRejects(dir: string): Promise<boolean> {
  return jestListTests(dir).then(
    () => false,
    () => true,
  );
}

async function discover(dir: string, store = tempDir('aqe-jest-store-')): Promise<DiscoverReport['runners'][number] | undefined> {
  const kernel = await createKernel({ cwd: dir, plugins: [{ plugin: jestPlugin }], storeDir: store, config: { discoverInstalled: false } });
  try {
    return (await kernel.discover()).runners.find((r) => r.runner === 'jest');
  } finally {
    await kernel.dispose();
  }
}

/** A scratch project that resolves the root's Jest (node_modules/jest links to it), like a fixture does. */
function scratchProject(files: Record<string, string>): string {
  const dir = tempDir('aqe-jest-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repoRoot, 'node_modules/jest'), join(dir, 'node_modules/jest'), 'dir');
  for (const [path, content] of Object.entries({ 'package.json': '{ "name": "scratch", "devDependencies": { "jest": "*" } }', ...files })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function copyFixture(name: string): string {
  const dir = scratchProject({});
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

const TEST = "test('adds', () => {\n  expect(1 + 1).toBe(2);\n});\n";

describe('runner-jest discovery agrees with `jest --listTests`', () => {
  it.each(['jest-basic', 'jest-config', 'jest-projects'])('%s', async (name) => {
    const dir = join(fixtures, name);
    const expected = await jestListTests(dir);
    expect(expected.length).toBeGreaterThan(0);
    const entry = await discover(dir);
    expect(entry?.error).toBeUndefined();
    expect(entry?.files).toEqual(expected);
  });

  // The kernel's index tells which files are symlinks: Jest's crawler leaves them out
  // unless haste.enableSymlinks; and testMatch globs are decided on the file name when
  // they can be, on the whole path when not (a negated class, a directory part).
  it.each([
    ['a symlinked test file (left out)', undefined],
    ['a symlinked test file with haste.enableSymlinks (kept)', { haste: { enableSymlinks: true }, watchman: false }],
    ['testMatch of file names', { testMatch: ['**/*.spec.[jt]s', '**/?(*.)+(test).js'] }],
    ['testMatch with a negated class and a directory part', { testMatch: ['**/[!a]*.test.js', '**/src/**/*.spec.ts'] }],
    ['testMatch with a rooted glob', { testMatch: ['<rootDir>/src/**/*.test.js'] }],
  ])('%s', async (_case, config) => {
    const dir = scratchProject({
      'src/a.test.js': TEST,
      'src/c.spec.ts': TEST,
      'src/d.spec.js': TEST,
      'src/__tests__/util.js': TEST,
      'lib/x.test.js': TEST,
      // Jest reads a backslash in a name as a separator when matching globs, on every platform.
      'lib/odd\\name.test.js': TEST,
      ...(config ? { 'jest.config.json': JSON.stringify(config) } : {}),
    });
    symlinkSync('a.test.js', join(dir, 'src/b.test.js'));
    const expected = await jestListTests(dir);
    expect(expected.length).toBeGreaterThan(0);
    expect((await discover(dir))?.files).toEqual(expected);
  });

  it('a jest.config.js written as an ES module in a CommonJS package (Node loads it through require(esm), as jest does)', async () => {
    const dir = scratchProject({ 'jest.config.js': "export default { testMatch: ['**/*.t.js'] };\n", 'src/a.t.js': TEST, 'src/b.test.js': TEST });
    const expected = await jestListTests(dir);
    expect(expected).toEqual(['src/a.t.js']);
    const entry = await discover(dir);
    expect(entry?.error).toBeUndefined();
    expect(entry?.files).toEqual(expected);
  });

  it("the config the package's test script names (jest --config), not the one in the root", async () => {
    const dir = scratchProject({
      'package.json': JSON.stringify({ name: 'scratch', scripts: { test: 'jest --config config/jest.config.js' }, devDependencies: { jest: '*' } }),
      'jest.config.js': "module.exports = { testMatch: ['**/*.root.js'] };\n",
      'config/jest.config.js': "module.exports = { rootDir: '..', testMatch: ['**/*.t.js'] };\n",
      'src/a.t.js': TEST,
      'src/b.root.js': TEST,
    });
    const { stdout } = await execFileAsync(jestBin, ['--listTests', '--json', '--config', 'config/jest.config.js'], { cwd: dir });
    expect((JSON.parse(stdout) as string[]).map((file) => relative(dir, file))).toEqual(['src/a.t.js']);
    const entry = await discover(dir);
    expect(entry?.configFiles).toEqual(['config/jest.config.js']);
    expect(entry?.files).toEqual(['src/a.t.js']);
  });

  it.each([
    ['a CommonJS config requires', 'jest-config', 'config/ignored-paths.js', "exports.ignoredPaths = ['/tests/fixtures/'];\n"],
    ['an ES module config imports', 'jest-projects', 'config/projects.mjs', "export const projectDirs = ['packages/web'];\n"],
  ])('re-resolves when a file %s changes', async (_what, name, helper, edited) => {
    const dir = copyFixture(name);
    const store = tempDir('aqe-jest-store-');
    const before = await discover(dir, store);
    expect(before?.files).toEqual(await jestListTests(dir));
    // Unchanged inputs: the listing comes from the cache without loading the config.
    expect((await discover(dir, store))?.cached).toBe(true);
    writeFileSync(join(dir, helper), edited);
    const after = await discover(dir, store);
    expect(after?.cached).toBe(false);
    expect(after?.files).toEqual(await jestListTests(dir));
    expect(after?.files).not.toEqual(before?.files);
  });
});

describe('runner-jest config errors', () => {
  it('testMatch together with testRegex is AQE_RUNNER_CONFIG_FAILED naming the config', async () => {
    const dir = scratchProject({ 'jest.config.js': "module.exports = { testMatch: ['**/*.t.js'], testRegex: '\\\\.t\\\\.js$' };\n", 'a.t.js': TEST });
    expect(await jestRejects(dir)).toBe(true);
    const entry = await discover(dir);
    expect(entry?.files).toEqual([]);
    expect(entry?.error?.code).toBe('AQE_RUNNER_CONFIG_FAILED');
    expect(entry?.error?.message).toContain('jest.config.js');
    expect(entry?.error?.message).toMatch(/testMatch and testRegex/);
  });

  it('names the project config that failed, not the root one', async () => {
    const dir = scratchProject({
      'jest.config.js': "module.exports = { projects: ['<rootDir>/good', '<rootDir>/bad'] };\n",
      'good/jest.config.js': 'module.exports = {};\n',
      'bad/jest.config.json': '{ "testMatch": ["**/*.t.js"], "testRegex": "x" }\n',
    });
    expect(await jestRejects(dir)).toBe(true);
    const entry = await discover(dir);
    expect(entry?.error?.code).toBe('AQE_RUNNER_CONFIG_FAILED');
    expect(entry?.error?.message).toContain('bad/jest.config.json');
  });

  it.each([
    ['awaits forever', 'module.exports = async () => {\n  await new Promise(() => {});\n};\n', /never settles/],
    ['exits the process', 'process.exit(3);\n', /exited with code 3/],
  ])('a config that %s is AQE_RUNNER_CONFIG_FAILED saying so, and discovery goes on', async (_what, config, reason) => {
    const dir = scratchProject({ 'jest.config.js': config, 'a.test.js': TEST });
    const entry = await discover(dir);
    expect(entry?.error?.code).toBe('AQE_RUNNER_CONFIG_FAILED');
    expect(entry?.error?.message).toContain('jest.config.js');
    expect(entry?.error?.message).toMatch(reason);
  });

  it('a config that does not parse is AQE_RUNNER_CONFIG_FAILED naming it', async () => {
    const dir = scratchProject({ 'jest.config.cjs': 'module.exports = { roots: [\n' });
    expect(await jestRejects(dir)).toBe(true);
    const entry = await discover(dir);
    expect(entry?.error?.code).toBe('AQE_RUNNER_CONFIG_FAILED');
    expect(entry?.error?.message).toContain('jest.config.cjs');
  });
});

describe('runner-jest detection', () => {
  it('returns null without a Jest dependency, config or script', async () => {
    const project = { root: tempDir('aqe-jest-none-'), files: ['package.json', 'src/a.test.js'], packageJson: { name: 'x', scripts: { test: 'vitest run', lint: 'eslint . --plugin jest-dom' }, devDependencies: { 'jest-junit': '1' } } };
    expect(await jestRunner.detect(project)).toBeNull();
    expect(await discover(join(fixtures, 'bun-basic'))).toBeUndefined();
  });

  it.each([
    ['a dependency', { devDependencies: { jest: '^30.0.0' } }, [], []],
    ['a script', { scripts: { test: 'cross-env CI=1 jest --ci' } }, [], []],
    ['a package.json "jest" key', { jest: { roots: ['<rootDir>/src'] } }, [], ['package.json']],
    ['a config file', {}, ['jest.config.mjs'], ['jest.config.mjs']],
  ])('finds Jest through %s', async (_how, packageJson, extraFiles, configFiles) => {
    const detection = await jestRunner.detect({ root: repoRoot, files: ['package.json', ...extraFiles], packageJson });
    expect(detection).toMatchObject({ runner: 'jest', configFiles });
    expect(detection?.version).toMatch(/^30\./);
  });
});
