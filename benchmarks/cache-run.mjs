#!/usr/bin/env node
// The result cache on a real multi-file suite: a generated node:test project of 200 test
// files (node --test runs a file in ~100 ms; the fastest runner, so the bench stays
// minutes, not hours), each importing one of 20 source modules. Per round: a cold run
// (empty cache), a warm run with nothing changed, and a warm run after one source file
// changed. Opt-in, like run-overhead.mjs: a round takes about a minute on 2 cores.
//
//   node benchmarks/cache-run.mjs [rounds=3]
//
// With AQE_REDIS_URL and/or AQE_S3_BUCKET (+ AQE_S3_ENDPOINT) in the environment the shared
// tiers are used too, and each round adds a "second clone" run: the local store deleted,
// everything served from the shared tiers.
import { readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBin } from './lib/paths.mjs';
import { runOnce } from './lib/spawn-timer.mjs';
import { median } from './lib/stats.mjs';

const FILES = 200;
const MODULES = 20;
const rounds = Number(process.argv[2] ?? 3);
const shared = Boolean(process.env.AQE_REDIS_URL || process.env.AQE_S3_BUCKET);
const dir = fileURLToPath(new URL('./.generated/cache-run-200/', import.meta.url));

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'src'), { recursive: true });
mkdirSync(join(dir, 'test'), { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'cache-run-200', private: true, type: 'module', scripts: { test: 'node --test' } }));
for (let m = 0; m < MODULES; m++) writeFileSync(join(dir, 'src', `m${m}.js`), `export const value${m} = (n) => n + ${m};\n`);
for (let i = 0; i < FILES; i++) {
  const m = i % MODULES;
  writeFileSync(
    join(dir, 'test', `f${String(i).padStart(3, '0')}.test.js`),
    `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { value${m} } from '../src/m${m}.js';\n\ntest('a${i}', () => assert.equal(value${m}(${i}), ${i + m}));\ntest('b${i}', () => assert.ok('x${i}'.startsWith('x')));\n`,
  );
}
const dependents = (m) => Array.from({ length: FILES }, (_, i) => i).filter((i) => i % MODULES === m).length;

// Each round uses its own namespace, so a shared tier starts empty for its cold run.
const aqe = (args, namespace) => {
  const saved = process.env.AQE_CACHE_NAMESPACE;
  process.env.AQE_CACHE_NAMESPACE = namespace;
  try {
    const { ms, stdout } = runOnce({ name: 'aqe', command: process.execPath, args: [cliBin, ...args], cwd: dir });
    return { ms, data: args[0] === 'run' ? JSON.parse(stdout).data : undefined };
  } finally {
    if (saved === undefined) delete process.env.AQE_CACHE_NAMESPACE;
    else process.env.AQE_CACHE_NAMESPACE = saved;
  }
};
const run = (ns) => aqe(['run', '--runner', 'node', '--format', 'json'], ns);
const ran = (data) => data.files.filter((f) => f.status !== 'cached').length;

// Discovery is cached once, as on a developer's machine from the second run on.
aqe(['discover', '--runner', 'node'], 'bench-discover');
const samples = { cold: [], warm: [], changed: [], clone: [] };
const hitRates = [];
const reran = [];
for (let r = 0; r < rounds; r++) {
  const ns = `bench-${process.pid}-${r}`;
  rmSync(join(dir, '.aqe/store'), { recursive: true, force: true });
  aqe(['discover', '--runner', 'node'], ns);
  const cold = run(ns);
  if (cold.data.summary.failed > 0) throw new Error('the generated suite failed: fix the generator');
  samples.cold.push(cold.ms);
  const warm = run(ns);
  samples.warm.push(warm.ms);
  hitRates.push(warm.data.cache.hits / (warm.data.cache.hits + warm.data.cache.misses));
  const m = r % MODULES;
  const file = join(dir, 'src', `m${m}.js`);
  writeFileSync(file, `${readFileSync(file, 'utf8')}// round ${r}\n`);
  const changed = run(ns);
  samples.changed.push(changed.ms);
  reran.push({ ran: ran(changed.data), expected: dependents(m) });
  if (shared) {
    rmSync(join(dir, '.aqe/store'), { recursive: true, force: true });
    aqe(['discover', '--runner', 'node'], ns);
    const clone = run(ns);
    samples.clone.push(clone.ms);
  }
}

const ms = (v) => `${v.toFixed(0)} ms`;
const cold = median(samples.cold);
const warm = median(samples.warm);
console.log(`cache-run: ${FILES} node:test files, ${MODULES} source modules, ${rounds} round(s)${shared ? ', with the shared tiers from the environment' : ', local tier only'}`);
console.log(`  cold run (empty cache)          ${ms(cold)}`);
console.log(`  warm run, nothing changed       ${ms(warm)}  (${((1 - warm / cold) * 100).toFixed(1)}% less than cold; target ≥ 80%)`);
console.log(`  warm run, one source changed    ${ms(median(samples.changed))}`);
if (shared) console.log(`  second clone (shared tiers only) ${ms(median(samples.clone))}`);
console.log(`  hit rate, nothing changed       ${(Math.min(...hitRates) * 100).toFixed(1)}% (lowest of the rounds; target ≥ 95%)`);
console.log(`  re-ran after one change         ${reran.map((x) => `${x.ran}/${x.expected}`).join(', ')} (files run / files importing the changed module)`);
