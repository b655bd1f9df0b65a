import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { createPathsMatcher, getTsconfig, type PathsMatcher } from 'get-tsconfig';
import { mapTargets } from './package-maps.js';
import { probeFile, probeGlob } from './probe-file.js';
import { type Manifest, readManifest } from './read-manifest.js';
import { findWorkspaces, type WorkspacePackage } from './workspaces.js';

/** `#x` → `pkg` → `#y` chains are legal but never long; this stops a cycle. */
const MAX_HOPS = 8;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves a module specifier to the repository files it loads, like Node and the
 * bundlers do: relative paths (extension probing, `.js` → `.ts`, directory `index`),
 * package `imports` (`#x`), tsconfig `paths`/`baseUrl` of the nearest tsconfig, and
 * workspace packages through their package.json `exports` (else `main`/`module`).
 * Anything else — built-ins, packages installed in node_modules, a name that resolves
 * nowhere — gives no file: installed packages are covered by the lockfile input.
 *
 * Results are remembered for the resolver's life, which assumes the tree's layout does
 * not change meanwhile (one resolver per run).
 */
export class Resolver {
  private readonly memo = new Map<string, readonly string[]>();
  private readonly matchers = new Map<string, PathsMatcher | null>();
  private readonly tsconfigs = new Map<string, unknown>();
  private readonly owners = new Map<string, { dir: string; manifest: Manifest } | null>();
  private workspaces: Map<string, WorkspacePackage> | undefined;

  constructor(private readonly root: string) {}

  /** Absolute paths of the local files `specifier`, written in file `from`, loads; sorted. */
  resolve(from: string, specifier: string): readonly string[] {
    const dir = dirname(from);
    const memoKey = `${dir}\0${specifier}`;
    let out = this.memo.get(memoKey);
    if (!out) {
      const bare = specifier.replace(/\?.*$/, '');
      const found = SCHEME.test(bare) ? [] : this.lookup(dir, bare, 0);
      out = [...new Set(found.filter((file) => this.isLocal(file)))].sort();
      this.memo.set(memoKey, out);
    }
    return out;
  }

  private lookup(dir: string, specifier: string, hops: number): string[] {
    if (hops > MAX_HOPS || specifier === '') return [];
    if (specifier.startsWith('.') || isAbsolute(specifier)) return this.path(resolve(dir, specifier));
    if (specifier.startsWith('#')) return this.subpathImport(dir, specifier, hops);
    const aliased = this.tsconfigPaths(dir, specifier);
    return aliased.length > 0 ? aliased : this.workspacePackage(specifier, hops);
  }

  private path(abs: string): string[] {
    return abs.includes('*') ? probeGlob(abs) : probeFile(abs);
  }

  /** TypeScript takes the first `paths` candidate that exists. */
  private tsconfigPaths(dir: string, specifier: string): string[] {
    const matcher = this.matcherFor(dir);
    for (const candidate of matcher?.(specifier) ?? []) {
      const files = this.path(candidate);
      if (files.length > 0) return files;
    }
    return [];
  }

  private matcherFor(dir: string): PathsMatcher | null {
    let matcher = this.matchers.get(dir);
    if (matcher === undefined) {
      try {
        const tsconfig = getTsconfig(dir, 'tsconfig.json', this.tsconfigs);
        matcher = tsconfig ? createPathsMatcher(tsconfig) : null;
      } catch {
        // A tsconfig that does not parse maps nothing; TypeScript would report it, not aqe.
        matcher = null;
      }
      this.matchers.set(dir, matcher);
    }
    return matcher;
  }

  private workspacePackage(specifier: string, hops: number): string[] {
    this.workspaces ??= findWorkspaces(this.root);
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = this.workspaces.get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return [];
    const subpath = ['.', ...parts.slice(nameLength)].join('/');
    if (pkg.manifest.exports !== undefined) return this.targets(pkg.dir, mapTargets(pkg.manifest.exports, subpath), hops);
    if (subpath !== '.') return this.path(join(pkg.dir, subpath));
    const entries = [pkg.manifest.main, pkg.manifest.module].filter((e): e is string => typeof e === 'string');
    const files = entries.flatMap((entry) => this.path(join(pkg.dir, entry)));
    return files.length > 0 ? files : this.path(join(pkg.dir, 'index'));
  }

  /** `#x`: the `imports` map of the nearest package.json above the importing file. */
  private subpathImport(dir: string, specifier: string, hops: number): string[] {
    const owner = this.ownerOf(dir);
    return owner ? this.targets(owner.dir, mapTargets(owner.manifest.imports, specifier), hops) : [];
  }

  /** Map targets are package-relative files (`./src/x.ts`) or, in `imports`, other packages. */
  private targets(pkgDir: string, targets: string[], hops: number): string[] {
    return targets.flatMap((target) => (target.startsWith('./') ? this.path(join(pkgDir, target)) : this.lookup(pkgDir, target, hops + 1)));
  }

  private ownerOf(dir: string): { dir: string; manifest: Manifest } | null {
    let owner = this.owners.get(dir);
    if (owner === undefined) {
      const manifest = readManifest(dir);
      const parent = dirname(dir);
      owner = manifest ? { dir, manifest } : dir === this.root || parent === dir ? null : this.ownerOf(parent);
      this.owners.set(dir, owner);
    }
    return owner;
  }

  /** Inside the repository and not in an installed package. */
  private isLocal(file: string): boolean {
    return file.startsWith(this.root + sep) && !file.slice(this.root.length).includes(`${sep}node_modules${sep}`);
  }
}
