import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../types/store.js';
import { createCacheKeyer } from './index.js';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/cache-graph', import.meta.url));
const TESTS = ['test/chain.test.ts', 'test/lazy.test.ts', 'test/legacy.test.ts', 'test/shared.test.ts', 'test/solo.test.ts'];
const CONFIG = ['vitest.config.mjs', 'test/setup.ts'];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A copy of the fixture project and a store beside it (never inside: the store is not an input). */
async function project(): Promise<{ root: string; store: Store }> {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-cache-key-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'repo');
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const store = await openStore({ path: join(dir, 'store') });
  cleanups.push(() => store.close());
  return { root, store };
}

/** Each test file's key, as a fresh run (a new keyer over the same store) computes it. */
async function keys(root: string, store: Store, env: NodeJS.ProcessEnv = {}): Promise<Record<string, string>> {
  const keyer = createCacheKeyer({ root, store, env });
  const out: Record<string, string> = {};
  for (const file of TESTS) out[file] = (await keyer.keyFor({ runner: 'vitest', runnerVersion: '4.1.12', configFiles: CONFIG, file })).key;
  return out;
}

function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return TESTS.filter((file) => before[file] !== after[file]);
}

describe('createCacheKeyer on the cache-graph fixture', () => {
  it('follows .js→.ts, tsconfig paths, export *, dynamic import(), require, workspace exports and directory index', async () => {
    const { root, store } = await project();
    const keyer = createCacheKeyer({ root, store });
    expect(await keyer.imports('test/chain.test.ts')).toEqual(['src/a.ts', 'src/b.ts', 'src/lib/c.ts', 'src/lib/d.ts']);
    expect(await keyer.imports('test/lazy.test.ts')).toEqual(['src/lazy.ts', 'src/lib/d.ts']);
    expect(await keyer.imports('test/legacy.test.ts')).toEqual(['src/cjs/legacy-dep.cjs', 'src/cjs/legacy.cjs']);
    expect(await keyer.imports('test/shared.test.ts')).toEqual(['packages/shared/src/format.ts', 'packages/shared/src/index.ts']);
    expect(await keyer.imports('test/solo.test.ts')).toEqual(['src/util/index.ts']);
  });

  it("counts a test file's snapshot files (Jest/Vitest/Bun __snapshots__, Playwright -snapshots/) as its inputs", async () => {
    const { root, store } = await project();
    const before = await keys(root, store);
    const snapDir = join(root, 'test', '__snapshots__');
    mkdirSync(snapDir);
    writeFileSync(join(snapDir, 'solo.test.ts.snap'), 'exports[`x 1`] = `"a"`;\n');
    const written = await keys(root, store);
    expect(changed(before, written)).toEqual(['test/solo.test.ts']);
    writeFileSync(join(snapDir, 'solo.test.ts.snap'), 'exports[`x 1`] = `"b"`;\n');
    expect(changed(written, await keys(root, store))).toEqual(['test/solo.test.ts']);
    const shots = join(root, 'test', 'lazy.test.ts-snapshots');
    mkdirSync(shots);
    writeFileSync(join(shots, 'page-chromium-linux.txt'), 'hello');
    const viaDir = await keys(root, store);
    writeFileSync(join(shots, 'page-chromium-linux.txt'), 'hello again');
    expect(changed(viaDir, await keys(root, store))).toEqual(['test/lazy.test.ts']);
  });

  it('lists every input of a key, sorted by kind then name', async () => {
    const { root, store } = await project();
    const keyer = createCacheKeyer({ root, store, env: { NODE_ENV: 'test' }, envAllowlist: ['TZ', 'NODE_ENV', 'CI'] });
    const key = await keyer.keyFor({ runner: 'vitest', runnerVersion: '4.1.12', configFiles: CONFIG, file: 'test/chain.test.ts' });
    expect(key.key).toMatch(/^[0-9a-f]{64}$/);
    expect(key.inputs.map((i) => `${i.kind} ${i.name}`)).toEqual([
      'file src/a.ts',
      'file src/b.ts',
      'file src/lib/c.ts',
      'file src/lib/d.ts',
      'file test/chain.test.ts',
      'config test/setup-helper.ts',
      'config test/setup.ts',
      'config vitest.config.mjs',
      'lockfile package-lock.json',
      'runner vitest',
      'node node',
      'env CI',
      'env NODE_ENV',
      'env TZ',
    ]);
    for (const input of key.inputs) expect(input.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic: the same tree gives the same keys, cold or warm, in any root', async () => {
    const first = await project();
    const second = await project();
    const cold = await keys(first.root, first.store);
    expect(await keys(first.root, first.store)).toEqual(cold);
    expect(await keys(second.root, second.store)).toEqual(cold);
  });

  it.each([
    ['a file three levels below a test (src/lib/c.ts)', 'src/lib/c.ts', ['test/chain.test.ts']],
    ['a file two tests reach (src/lib/d.ts: export * and import())', 'src/lib/d.ts', ['test/chain.test.ts', 'test/lazy.test.ts']],
    ['a module only reached by require()', 'src/cjs/legacy-dep.cjs', ['test/legacy.test.ts']],
    ['a workspace package module behind its exports', 'packages/shared/src/format.ts', ['test/shared.test.ts']],
    ['a directory index', 'src/util/index.ts', ['test/solo.test.ts']],
    ['a workspace file no test imports', 'packages/shared/src/unused.ts', []],
    ['a file a setup file imports', 'test/setup-helper.ts', TESTS],
    ['the framework config', 'vitest.config.mjs', TESTS],
    ['the lockfile', 'package-lock.json', TESTS],
    ['one test file', 'test/solo.test.ts', ['test/solo.test.ts']],
  ])('editing %s invalidates exactly the keys of the tests that reach it', async (_what, file, expected) => {
    const { root, store } = await project();
    const before = await keys(root, store);
    appendFileSync(join(root, file), '\n// edited\n');
    expect(changed(before, await keys(root, store))).toEqual(expected);
  });

  it('picks up an edit that keeps the size, and a new import an edit adds', async () => {
    const { root, store } = await project();
    const keyer = createCacheKeyer({ root, store });
    const before = await keys(root, store);
    writeFileSync(join(root, 'src/lib/d.ts'), "export const d = 'D';\n");
    const sameSize = await keys(root, store);
    expect(changed(before, sameSize)).toEqual(['test/chain.test.ts', 'test/lazy.test.ts']);
    writeFileSync(join(root, 'src/util/index.ts'), "export { format as solo } from '@graph/shared/format';\n");
    expect(changed(sameSize, await keys(root, store))).toEqual(['test/solo.test.ts']);
    expect(await keyer.imports('test/solo.test.ts')).toEqual(['packages/shared/src/format.ts', 'src/util/index.ts']);
  });

  it('changes every key with the runner version, the Node version input or an allowlisted variable, not with others', async () => {
    const { root, store } = await project();
    const keyer = createCacheKeyer({ root, store, env: { NODE_ENV: 'test', HOME: '/a' } });
    const request = { runner: 'vitest', runnerVersion: '4.1.12', configFiles: CONFIG, file: 'test/chain.test.ts' };
    const base = (await keyer.keyFor(request)).key;
    expect((await keyer.keyFor({ ...request, runnerVersion: '4.1.13' })).key).not.toBe(base);
    expect((await keyer.keyFor({ ...request, runner: 'jest' })).key).not.toBe(base);
    const other = (env: NodeJS.ProcessEnv) => createCacheKeyer({ root, store, env }).keyFor(request);
    expect((await other({ NODE_ENV: 'production', HOME: '/a' })).key).not.toBe(base);
    expect((await other({ NODE_ENV: 'test', TZ: 'UTC', HOME: '/a' })).key).not.toBe(base);
    expect((await other({ NODE_ENV: 'test', HOME: '/b' })).key).toBe(base);
  });

  it('gives a missing test or config file a key that changes when it appears', async () => {
    const { root, store } = await project();
    const request = { runner: 'vitest', runnerVersion: null, configFiles: ['jest.setup.js'], file: 'test/new.test.ts' };
    const missing = await createCacheKeyer({ root, store }).keyFor(request);
    expect(missing.inputs.filter((i) => i.kind === 'file' || i.kind === 'config').map((i) => i.name)).toEqual(['test/new.test.ts', 'jest.setup.js']);
    writeFileSync(join(root, 'jest.setup.js'), '');
    expect((await createCacheKeyer({ root, store }).keyFor(request)).key).not.toBe(missing.key);
  });
});
