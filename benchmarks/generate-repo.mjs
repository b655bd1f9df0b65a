#!/usr/bin/env node
// Generates the discovery benchmark repository: 10,000 source files and 2,000 test files
// spread over 20 packages, with a Jest config and a Vitest config that select the same
// 2,000 tests, a .gitignore'd build folder and node_modules noise the walkers must skip.
//   node benchmarks/generate-repo.mjs [dir]   (default benchmarks/.generated/repo)
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCE_FILES = 10_000;
export const TEST_FILES = 2_000;
const PACKAGES = 20;
const MODULES_PER_PACKAGE = 10;

const rootOfRepo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export function generateRepo(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  write(join(dir, 'package.json'), `${JSON.stringify({ name: 'aqe-bench-repo', private: true, type: 'module', devDependencies: { jest: '*', vitest: '*' } }, null, 2)}\n`);
  write(join(dir, 'jest.config.json'), `${JSON.stringify({ testMatch: ['**/?(*.)+(spec|test).[jt]s?(x)'], testPathIgnorePatterns: ['/node_modules/', '/build/'] }, null, 2)}\n`);
  write(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['**/*.{test,spec}.?(c|m)[jt]s?(x)'], exclude: ['**/node_modules/**', '**/build/**'] } };\n");
  write(join(dir, '.gitignore'), 'build/\n');
  // The repository's own node_modules, so the frameworks resolve from here as in a real project.
  symlinkSync(join(rootOfRepo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const perModuleSources = SOURCE_FILES / (PACKAGES * MODULES_PER_PACKAGE);
  const perModuleTests = TEST_FILES / (PACKAGES * MODULES_PER_PACKAGE);
  for (let p = 0; p < PACKAGES; p++) {
    for (let m = 0; m < MODULES_PER_PACKAGE; m++) {
      const base = join(dir, 'packages', `pkg-${p}`, 'src', `module-${m}`);
      for (let s = 0; s < perModuleSources; s++) {
        const nested = s % 5 === 0 ? join(base, 'internal') : base;
        write(join(nested, `file-${s}.ts`), `export const value${s} = ${s};\n`);
      }
      for (let t = 0; t < perModuleTests; t++) {
        const name = t % 2 === 0 ? `file-${t}.test.ts` : `file-${t}.spec.ts`;
        write(join(base, '__tests__', name), `import { test, expect } from 'vitest';\ntest('t${t}', () => expect(${t}).toBe(${t}));\n`);
      }
    }
    write(join(dir, 'packages', `pkg-${p}`, 'build', 'index.test.js'), '// build output: ignored\n');
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? join(rootOfRepo, 'benchmarks/.generated/repo'));
  generateRepo(dir);
  console.log(`generated ${SOURCE_FILES} source + ${TEST_FILES} test files in ${dir}`);
}
