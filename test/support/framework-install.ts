import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version matrix: each framework major users run, installed from npm once into a cached
 * directory (`node_modules/.cache/aqe-frameworks/<key>`, kept between runs on a machine and
 * made anew by a fresh clone), then linked into a copy of a fixture project. Installs of one
 * key from parallel test files wait for each other through an atomic rename.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(REPO, 'node_modules', '.cache', 'aqe-frameworks');

/** `packages`: npm specs, e.g. `['vitest@3']` or `['jest@22', 'babel-jest@22']`. Returns the directory holding node_modules. */
export function installFrameworks(packages: readonly string[]): string {
  const key = packages.map((p) => p.replace(/[^a-zA-Z0-9.@-]+/g, '_')).join('+');
  const dir = join(CACHE, key);
  if (existsSync(join(dir, '.installed'))) return dir;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `.${key}-`));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'aqe-matrix', private: true }));
  // No lockfile, no scripts the matrix does not need, no audit: only the framework's own tree.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...packages], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, npm_config_ignore_scripts: 'true' } });
  writeFileSync(join(work, '.installed'), `${packages.join(' ')}\n`);
  try {
    renameSync(work, dir);
  } catch {
    // Another test file installed the same key first: use that one.
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/** The version npm installed for `name` in an `installFrameworks` directory. */
export function matrixVersion(dir: string, name: string): string {
  return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A scratch copy of `fixture` (a directory under test/fixtures) whose node_modules is the
 * installed matrix entry: the project sees exactly that framework version. Removed by `cleanup`.
 */
export function matrixProject(fixture: string, installDir: string, made: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'aqe-matrix-'));
  made.push(root);
  cpSync(join(REPO, 'test', 'fixtures', fixture), root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  symlinkSync(join(installDir, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

export function removeAll(made: string[]): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const repoRoot = REPO;
