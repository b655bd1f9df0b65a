#!/usr/bin/env node
// What `aqe run` at a workspace root costs over running each package's tests one by one,
// on a generated workspace of five packages (two Vitest, one Jest, one node:test, one
// Playwright without a browser), frameworks hoisted to the root (target: < 0.3 s more).
// Kept out of `npm run bench`: each round starts four frameworks twice.
//   node benchmarks/workspace-overhead.mjs [rounds=3]
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBin, root } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';
import { runOnce, timeSpawns } from './lib/spawn-timer.mjs';

const rounds = Number(process.argv[2] ?? 3);
const FILES = 10;
const dir = fileURLToPath(new URL('./.generated/workspace-5/', import.meta.url));
rmSync(dir, { recursive: true, force: true });

function write(path, text) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}
write('package.json', JSON.stringify({ name: 'ws5', private: true, workspaces: ['packages/*'] }));
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
const packages = {
  'vitest-a': {
    script: 'vitest run',
    config: ['vite.config.mjs', "export default { test: { include: ['src/**/*.test.js'] } };\n"],
    file: (i) => [`src/f${i}.test.js`, `import { expect, test } from 'vitest';\ntest('t${i}', () => expect(${i}).toBe(${i}));\n`],
  },
  'vitest-b': { script: 'vitest run', config: ['vitest.config.mjs', 'export default { test: {} };\n'], file: (i) => [`test/f${i}.test.js`, `import { expect, test } from 'vitest';\ntest('t${i}', () => expect('x').toBe('x'));\n`] },
  jest: { script: 'jest', config: ['jest.config.js', "module.exports = { testEnvironment: 'node' };\n"], file: (i) => [`__tests__/f${i}.test.js`, `test('t${i}', () => expect(${i}).toBe(${i}));\n`] },
  node: { script: 'node --test', file: (i) => [`test/f${i}.test.mjs`, `import { test } from 'node:test';\ntest('t${i}', () => {});\n`] },
  playwright: {
    script: 'playwright test',
    config: ['playwright.config.js', "module.exports = { testDir: 'e2e', reporter: 'list' };\n"],
    file: (i) => [`e2e/f${i}.spec.js`, `const { test, expect } = require('@playwright/test');\ntest('t${i}', () => expect(${i}).toBe(${i}));\n`],
  },
};
for (const [name, p] of Object.entries(packages)) {
  write(`packages/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', ...(name.startsWith('vitest') ? { type: 'module' } : {}), scripts: { test: p.script } }));
  if (p.config) write(`packages/${name}/${p.config[0]}`, p.config[1]);
  for (let i = 0; i < FILES; i++) write(`packages/${name}/${p.file(i)[0]}`, p.file(i)[1]);
}
// The peer: each package's test script in its own directory, one after another, as `npm test -ws` would run them (without npm's own start-up).
const bin = join(root, 'node_modules/.bin');
const oneByOne = Object.entries(packages)
  .map(([name, p]) => `(cd packages/${name} && ${p.script.replace(/^(vitest|jest|playwright)/, `${bin}/$1`)} >/dev/null 2>&1)`)
  .join(' && ');
const peer = { name: 'one by one', command: 'sh', args: ['-c', oneByOne], cwd: dir };
// Every aqe round runs every file (no result cache), after one discovery, as from the second run on a developer's machine.
const aqe = { name: 'aqe', command: process.execPath, args: [cliBin, 'run', '--format', 'json', '--no-cache'], cwd: dir };
runOnce({ ...aqe, args: [cliBin, 'discover'] });
const samples = timeSpawns([peer, aqe], { iterations: rounds, warmup: 1 });
const [a, b] = [median(samples.aqe), median(samples['one by one'])];
console.log(`packages one by one: ${b.toFixed(0)} ms, aqe run at the root: ${a.toFixed(0)} ms, difference ${((a - b) / 1000).toFixed(2)} s (target < 0.30 s), ratio ${(a / b).toFixed(2)} (${rounds} round(s), 5 packages × ${FILES} files)`);
