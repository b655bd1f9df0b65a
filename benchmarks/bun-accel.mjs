#!/usr/bin/env node
// Bun as a Jest accelerator: whole-process `aqe run --runner bun` (bun test, with the files
// bun cannot load re-run under Jest) against `aqe run --runner jest` on the same generated
// Jest suite, interleaved, as a ratio. One file in ten uses jest.requireActual or
// jest.requireMock, which bun test lacks. Opt-in like run-overhead.mjs: not part of
// `npm run bench`.   node benchmarks/bun-accel.mjs [rounds=5] [files=100]
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBin, root } from './lib/paths.mjs';
import { runOnce, timeSpawns } from './lib/spawn-timer.mjs';
import { median } from './lib/stats.mjs';

const rounds = Number(process.argv[2] ?? 5);
const FILES = Number(process.argv[3] ?? 100);
const INCOMPATIBLE_EVERY = 10;
const dir = fileURLToPath(new URL('./.generated/jest-bun/', import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'tests'), { recursive: true });
mkdirSync(join(dir, 'src'), { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'jest-bun', private: true, devDependencies: { jest: '*' } }));
writeFileSync(join(dir, 'jest.config.js'), "module.exports = { testEnvironment: 'node', transform: {} };\n");
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
writeFileSync(join(dir, 'src/math.js'), 'exports.add = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n');
for (let i = 0; i < FILES; i++) {
  const body =
    i % INCOMPATIBLE_EVERY === 0
      ? i % (2 * INCOMPATIBLE_EVERY) === 0
        ? "jest.mock('../src/math.js', () => ({ ...jest.requireActual('../src/math.js'), mul: () => 0 }));\nconst m = require('../src/math.js');\n"
        : "const m = { ...jest.requireMock('../src/math.js'), add: (a, b) => a + b, mul: () => 0 };\n"
      : "const m = require('../src/math.js');\n";
  const tests = Array.from({ length: 5 }, (_, t) => `test('t${t}', () => { expect(m.add(${i}, ${t})).toBe(${i + t}); });\n`).join('');
  writeFileSync(join(dir, 'tests', `f${i}.test.js`), `${body}describe('file ${i}', () => {\n${tests}});\n`);
}

// Every run runs its files: the result cache would turn the comparison into one of cache hits.
process.env.AQE_CACHE = 'off';
const aqe = (runner) => ({ name: runner, command: process.execPath, args: [cliBin, 'run', '--runner', runner, '--format', 'json'], cwd: dir });
const bun = aqe('bun');
const jest = aqe('jest');
// The first accelerated run finds the files bun cannot load (and re-runs them under Jest); later ones send them straight to Jest.
const first = runOnce(bun);
const notices = JSON.parse(first.stdout).data.notices ?? [];
const samples = timeSpawns([bun, jest], { iterations: rounds, warmup: 1 });
const ratio = median(samples.bun) / median(samples.jest);
console.log(`${FILES} Jest files, ${Math.ceil(FILES / INCOMPATIBLE_EVERY)} of them Bun-incompatible; ${rounds} interleaved round(s)`);
console.log(`first aqe run --runner bun (finds the files bun cannot load): ${first.ms.toFixed(0)} ms — ${notices.join(' ')}`);
console.log(`aqe run --runner bun (bun + remembered Jest fallback): ${median(samples.bun).toFixed(0)} ms median`);
console.log(`aqe run --runner jest (Jest alone):                     ${median(samples.jest).toFixed(0)} ms median`);
console.log(`ratio bun+fallback / jest: ${ratio.toFixed(2)} (${((1 - ratio) * 100).toFixed(0)}% less wall time)`);
