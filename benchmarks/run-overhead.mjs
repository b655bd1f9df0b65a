#!/usr/bin/env node
// Overhead of `aqe run` over running Vitest directly, on a generated suite of 200 test
// files (issue target: < 10%). Kept out of `npm run bench` because one `vitest run` of
// 200 files takes most of a minute on a 2-core machine, and the whole bench must stay
// under 60 s.   node benchmarks/run-overhead.mjs [rounds=1]
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBin, root } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';
import { runOnce, timeSpawns } from './lib/spawn-timer.mjs';

const FILES = 200;
const rounds = Number(process.argv[2] ?? 1);
const dir = fileURLToPath(new URL('./.generated/vitest-200/', import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'tests'), { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vitest-200', private: true, type: 'module', devDependencies: { vitest: '*' } }));
writeFileSync(join(dir, 'vitest.config.mjs'), 'export default { test: { cache: false } };\n');
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
for (let i = 0; i < FILES; i++) {
  writeFileSync(join(dir, 'tests', `f${i}.test.ts`), `import { test, expect } from 'vitest';\ntest('a${i}', () => expect(${i}).toBe(${i}));\ntest('b${i}', () => expect('x${i}').toContain('x'));\n`);
}
const vitest = { name: 'vitest', command: join(root, 'node_modules/.bin/vitest'), args: ['run'], cwd: dir };
// Every round is a cache-miss run: keys are computed and looked up, nothing is written, so no
// round is served from the result cache and the comparison stays run against run.
const aqe = { name: 'aqe', command: process.execPath, args: [cliBin, 'run', '--runner', 'vitest', '--format', 'json'], cwd: dir, env: { AQE_CACHE_WRITE: 'none' } };
// Discovery is cached once, as it is on a developer's machine from the second run on.
runOnce({ ...aqe, args: [cliBin, 'discover', '--runner', 'vitest'] });
const samples = timeSpawns([vitest, aqe], { iterations: rounds, warmup: 0 });
const ratio = median(samples.aqe) / median(samples.vitest);
console.log(`vitest run: ${median(samples.vitest).toFixed(0)} ms, aqe run: ${median(samples.aqe).toFixed(0)} ms, overhead ${((ratio - 1) * 100).toFixed(1)}% (${rounds} round(s), ${FILES} files)`);
