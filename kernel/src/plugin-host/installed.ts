import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../types/store.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
// v3: declared dependencies only, keyed by project (v1 took every package in node_modules;
// v2 also hashed the lockfile, which cost more than the scan it could spare).
const CACHE_PREFIX = 'plugins:installed:v3:';

interface InstalledScan {
  /** size:mtime of package.json and each lockfile: while all match, the list stands. */
  stamps: string;
  /** Package names whose package.json carries an "aqe" manifest, sorted. */
  packages: string[];
}

/**
 * The project's declared dependencies (package.json `dependencies`, `devDependencies`,
 * `optionalDependencies`, `peerDependencies`) installed in its node_modules with an "aqe"
 * manifest. Only declared ones: a package some dependency pulled in must not add code to
 * the project's test runs unasked, and reading every package.json of a node_modules (600
 * and more) cost ~25 ms of every command that could not take the list from the store.
 * The list is kept in the store until package.json or a lockfile is touched; a scan reads
 * one package.json per declared dependency, cheaper than hashing a lockfile to prove
 * nothing changed.
 */
export function findInstalledPlugins(cwd: string, store: Store): string[] {
  const meta = store.db<InstalledScan>('meta');
  const key = CACHE_PREFIX + cwd;
  const stamps = stampsOf(cwd);
  const cached = meta.get(key);
  if (cached && cached.stamps === stamps && Array.isArray(cached.packages)) return cached.packages;
  const packages = declaredDependencies(cwd).filter((name) => hasManifest(join(cwd, 'node_modules', name)));
  void meta.put(key, { stamps, packages });
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
