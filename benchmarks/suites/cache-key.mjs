// Result-cache keys on a generated tree: PACKAGES × MODULES modules, each a chain of
// CHAIN_DEPTH source files importing the next through a `.js` specifier that maps to the
// `.ts` source, and TESTS_PER_MODULE tests importing the chain's head; so each key covers
// the test, CHAIN_DEPTH files, a config file, the lockfile and the environment. Smaller
// than generate-repo.mjs's tree (whose tests import nothing, and which takes seconds to
// write): a key's cost depends on the files it covers, not on the size of the repository.
//   cache.key.warm.per-file      keyFor of one test file, keyer and store warm (within a run)
//   cache.key.new-run.per-file   a fresh keyer (a new `aqe run`) over a warm store, keying
//                                every test file: the total ÷ the number of test files
//   cache.key.cold.per-file      the same with an empty store: every file read, hashed, parsed
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importKernel } from '../lib/load.mjs';
import { fromSamples } from '../lib/metric.mjs';

const PACKAGES = 4;
const MODULES = 10;
const TESTS_PER_MODULE = 10;
const CHAIN_DEPTH = 10;
const ROUNDS = 3;
const CONFIG = ['vitest.config.mjs'];

// Like generate-repo.mjs, every fifth source file of a module sits under internal/.
const sourcePath = (s) => (s % 5 === 0 ? `internal/file-${s}` : `file-${s}`);

function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function generateTree(repo) {
  write(join(repo, 'package.json'), '{ "name": "aqe-bench-keys", "private": true, "type": "module" }\n');
  write(join(repo, 'package-lock.json'), '{ "name": "aqe-bench-keys", "lockfileVersion": 3, "packages": {} }\n');
  write(join(repo, 'vitest.config.mjs'), "export default { test: { include: ['**/*.test.ts'] } };\n");
  const tests = [];
  for (let p = 0; p < PACKAGES; p++) {
    for (let m = 0; m < MODULES; m++) {
      const base = `packages/pkg-${p}/src/module-${m}`;
      for (let s = 0; s < CHAIN_DEPTH; s++) {
        const from = sourcePath(s);
        const up = from.startsWith('internal/') ? '../' : './';
        const next = s + 1 < CHAIN_DEPTH ? `import { value${s + 1} } from '${up}${sourcePath(s + 1)}.js';\nexport const chain${s} = value${s + 1};\n` : '';
        write(join(repo, base, `${from}.ts`), `${next}export const value${s} = ${s};\n`);
      }
      for (let t = 0; t < TESTS_PER_MODULE; t++) {
        const file = `${base}/__tests__/file-${t}.test.ts`;
        write(join(repo, file), `import { expect, test } from 'vitest';\nimport { chain0 } from '../${sourcePath(0)}.js';\ntest('t${t}', () => expect(chain0).toBe(1));\n`);
        tests.push(file);
      }
    }
  }
  return tests;
}

export default async function cacheKey({ bench, tempDir, onTeardown }) {
  const [{ createCacheKeyer }, { openStore }] = await Promise.all([importKernel(['createCacheKeyer'], 'cache-entry'), importKernel(['openStore'], 'store-entry')]);
  const repo = join(tempDir('cache-key'), 'repo');
  const tests = generateTree(repo);
  const request = (file) => ({ runner: 'vitest', runnerVersion: '4.1.12', configFiles: CONFIG, file });
  const expected = 1 + CHAIN_DEPTH;
  const keyAll = async (store) => {
    const keyer = createCacheKeyer({ root: repo, store, env: {} });
    const t0 = performance.now();
    for (const file of tests) {
      const { inputs } = await keyer.keyFor(request(file));
      const files = inputs.filter((i) => i.kind === 'file').length;
      if (files !== expected) throw new Error(`the key of ${file} covers ${files} files, expected ${expected}`);
    }
    return (performance.now() - t0) / tests.length;
  };

  const cold = [];
  for (let round = 0; round < ROUNDS; round++) {
    const store = await openStore({ path: tempDir('cache-key-store') });
    cold.push(await keyAll(store));
    await store.close();
  }
  const store = await openStore({ path: tempDir('cache-key-store') });
  onTeardown(() => store.close());
  await keyAll(store);
  await store.flushed();
  const newRun = [];
  for (let round = 0; round < ROUNDS; round++) newRun.push(await keyAll(store));

  const keyer = createCacheKeyer({ root: repo, store, env: {} });
  for (const file of tests) await keyer.keyFor(request(file));
  let i = 0;
  bench.add('cache.key.warm.per-file', async () => {
    await keyer.keyFor(request(tests[i++ % tests.length]));
  });
  return { 'cache.key.new-run.per-file': fromSamples(newRun), 'cache.key.cold.per-file': fromSamples(cold) };
}
