import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKernel, type DiscoverReport } from '@aqe/kernel';
import nodePlugin from '@aqe/runner-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDirs } from '../support/scratch-dirs.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const tempDir = scratchDirs('aqe-node-');
let reporter: string;

// A dynamic import works in CommonJS and ES modules alike.
const TEST_FILE = "import('node:test').then(({ test }) => test('runs', () => {}));\n";

function tempProject(scripts: Record<string, string>, files: string[], under = ''): string {
  const dir = join(tempDir(), under);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true, scripts }));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), TEST_FILE);
  }
  return dir;
}

/**
 * The files `node --test` really runs for a script: the script runs through sh (so the
 * shell expands what it would) with a reporter that prints each event's file.
 */
async function nodeTestFiles(dir: string, script: string): Promise<string[]> {
  const command = script.replace(/(^|[\s;&|(])node(?=\s)/g, `$1"${process.execPath}" --test-reporter=${reporter} --test-reporter-destination=stdout`);
  const { stdout } = await run('sh', ['-c', command], { cwd: dir });
  const files = stdout.split('\n').filter(Boolean);
  return [...new Set(files.map((file) => relative(dir, file).split(sep).join('/')))].sort();
}

async function discover(dir: string): Promise<DiscoverReport> {
  const kernel = await createKernel({ cwd: dir, plugins: [{ plugin: nodePlugin }], storeDir: tempDir() });
  try {
    return await kernel.discover();
  } finally {
    await kernel.dispose();
  }
}

beforeAll(() => {
  reporter = join(tempDir(), 'files-reporter.mjs');
  writeFileSync(reporter, 'export default async function* (source) {\n  for await (const event of source) if (event.data?.file) yield event.data.file + "\\n";\n}\n');
});

describe('runner-node discovery equals what `node --test` runs', () => {
  it('node-basic: the default patterns', async () => {
    const dir = join(repoRoot, 'test/fixtures/node-basic');
    const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: { test: string } };
    const [expected, report] = await Promise.all([nodeTestFiles(dir, scripts.test), discover(dir)]);
    expect(expected).toContain('test/helper.js');
    expect(report.runners).toEqual([{ runner: 'node', configFiles: ['package.json'], cached: false, files: expected }]);
  });

  const files = ['test/unit/a.js', 'test/unit/helper.cjs', 'lib/only.js', 'lib/x.test.js', 'lib/y.test.js', 'lib/deep/z.test.js', 'src/test-one.mjs', 'src/data.json'];
  it.each([
    ['a directory and a file', 'node --test test/unit lib/only.js'],
    ['a shell glob', 'node --test lib/*.test.js'],
    ['a shell ** (one level for sh)', 'node --test lib/**/*.test.js'],
    ['options with values before --test', 'CI=1 node --test-name-pattern runs --test-concurrency 1 --test'],
    ['two scripts', 'node --test src && node --test lib/only.js'],
  ])('%s: %s', async (_name, script) => {
    const dir = tempProject({ test: script }, files);
    const [expected, report] = await Promise.all([nodeTestFiles(dir, script), discover(dir)]);
    expect(expected.length).toBeGreaterThan(0);
    expect(report.runners[0]?.files).toEqual(expected);
  });

  it('a project directory named test runs every .js file in it', async () => {
    const dir = tempProject({ test: 'node --test' }, ['a.js', 'lib/b.cjs', 'c.json'], 'test');
    expect((await discover(dir)).runners[0]?.files).toEqual(await nodeTestFiles(dir, 'node --test'));
  });

  it.each([
    ['no package.json', undefined],
    ['no scripts', {}],
    ['node running a script that takes --test', { scripts: { test: 'node index.js --test' } }],
    ['another framework', { scripts: { test: 'vitest run' } }],
  ])('is not detected with %s', async (_name, pkg) => {
    const dir = tempDir();
    if (pkg) writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    expect((await discover(dir)).runners).toEqual([]);
  });

  it('an unreadable package.json at discover time is AQE_RUNNER_CONFIG_FAILED naming it', async () => {
    const dir = tempProject({ test: 'node --test' }, ['a.test.js']);
    const kernel = await createKernel({ cwd: dir, plugins: [{ plugin: nodePlugin }], storeDir: tempDir() });
    try {
      const runner = kernel.registry.get('runners', 'node')!;
      const detection = await runner.detect({ root: dir, files: ['a.test.js', 'package.json'], packageJson: { scripts: { test: 'node --test' } } });
      writeFileSync(join(dir, 'package.json'), '{ "scripts": ');
      await expect(runner.discover({ root: dir, files: ['a.test.js', 'package.json'], symlinks: new Set(), detection: detection! })).rejects.toMatchObject({
        code: 'AQE_RUNNER_CONFIG_FAILED',
        message: expect.stringContaining('could not load package.json'),
      });
    } finally {
      await kernel.dispose();
    }
  });
});
