import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../types/store.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
// v2: declared dependencies only (v1 lists took every package in node_modules).
const CACHE_KEY = 'plugins:installed:v2';

interface InstalledScan {
  /** size:mtime of each input: when all match, the content is not even read. */
  stamps?: string;
  fingerprint: string;
  /** Package names whose package.json carries an "aqe" manifest, sorted. */
  packages: string[];
}

/**
 * The project's declared dependencies (package.json `dependencies`, `devDependencies`,
 * `optionalDependencies`, `peerDependencies`) installed in its node_modules with an "aqe"
 * manifest. Only declared ones: a package some dependency pulled in must not add code to
 * the project's test runs unasked, and reading every package.json of a node_modules (600
 * and more) cost ~25 ms of every command that could not take the list from the store.
 * The list is kept in the store and reused until package.json or the lockfile changes.
 */
export function findInstalledPlugins(cwd: string, store: Store): string[] {
  const meta = store.db<InstalledScan>('meta');
  const cached = meta.get(CACHE_KEY);
  // A lockfile can be megabytes: compare sizes and mtimes first, hash only when they moved.
  const stamps = stampsOf(cwd);
  if (cached && cached.stamps === stamps) return cached.packages;
  const fingerprint = fingerprintOf(cwd);
  if (cached && cached.fingerprint === fingerprint) {
    void meta.put(CACHE_KEY, { ...cached, stamps });
    return cached.packages;
  }
  const packages = declaredDependencies(cwd).filter((name) => hasManifest(join(cwd, 'node_modules', name)));
  void meta.put(CACHE_KEY, { stamps, fingerprint, packages });
  return packages;
}

function stampsOf(cwd: string): string {
  return ['package.json', ...LOCKFILES]
    .map((name) => {
      const st = statSync(join(cwd, name), { throwIfNoEntry: false });
      return st ? `${name}:${st.size}:${st.mtimeMs}` : `${name}:-`;
    })
    .join('|');
}

function fingerprintOf(cwd: string): string {
  const hash = createHash('sha256');
  hash.update(realpathOr(cwd));
  for (const name of ['package.json', ...LOCKFILES]) {
    hash.update(`\0${name}\0`);
    try {
      hash.update(readFileSync(join(cwd, name)));
    } catch {
      hash.update('-');
    }
  }
  return hash.digest('hex');
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

function declaredDependencies(cwd: string): string[] {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
  }
  // A name is a path below node_modules: nothing that could step outside it.
  return [...names].filter((name) => /^(?:@[^/\\.][^/\\]*\/)?[^/\\.][^/\\]*$/.test(name)).sort();
}

function hasManifest(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    return 'aqe' in pkg;
  } catch {
    return false;
  }
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
