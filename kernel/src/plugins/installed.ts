import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../types/store.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
const CACHE_KEY = 'plugins:installed:v1';

interface InstalledScan {
  /** size:mtime of each input: when all match, the content is not even read. */
  stamps?: string;
  fingerprint: string;
  /** Package names whose package.json carries an "aqe" manifest, sorted. */
  packages: string[];
}

/**
 * Packages in the project's node_modules whose package.json has an "aqe" manifest.
 * Scanning node_modules costs a read per package, so the list is kept in the store
 * and reused until package.json or the lockfile changes.
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
  const packages = scan(join(cwd, 'node_modules'));
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

function scan(nodeModules: string): string[] {
  const found: string[] = [];
  for (const entry of list(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const sub of list(join(nodeModules, entry))) {
        if (hasManifest(join(nodeModules, entry, sub))) found.push(`${entry}/${sub}`);
      }
    } else if (hasManifest(join(nodeModules, entry))) {
      found.push(entry);
    }
  }
  return found.sort();
}

const AQE_KEY = Buffer.from('"aqe"');
const ESCAPE = Buffer.from('\\u');

function hasManifest(dir: string): boolean {
  try {
    const bytes = readFileSync(join(dir, 'package.json'));
    // Hundreds of packages, almost none of them aqe plugins: a key "aqe" is spelled so in
    // the text unless it is escaped (\u0061qe), so only such files need parsing.
    if (!bytes.includes(AQE_KEY) && !bytes.includes(ESCAPE)) return false;
    const pkg = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    return 'aqe' in pkg;
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
