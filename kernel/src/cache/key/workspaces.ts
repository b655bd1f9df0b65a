import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Manifest, readManifest } from './read-manifest.js';

export interface WorkspacePackage {
  /** Absolute directory. */
  dir: string;
  manifest: Manifest;
}

/**
 * The repository's workspace packages by name: the patterns of the root package.json
 * `workspaces` (npm, Yarn, Bun) and of pnpm-workspace.yaml, plus the root package itself
 * (a package may import itself by name). Read from the configuration, not from
 * node_modules links, so the graph is right before (or without) an install.
 */
export function findWorkspaces(root: string): Map<string, WorkspacePackage> {
  const out = new Map<string, WorkspacePackage>();
  const rootManifest = readManifest(root);
  if (rootManifest) add(out, root, rootManifest);
  const patterns = [...npmPatterns(rootManifest), ...pnpmPatterns(root)];
  const excluded = new Set(patterns.filter((p) => p.startsWith('!')).flatMap((p) => expand(root, p.slice(1))));
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    for (const dir of expand(root, pattern)) {
      if (excluded.has(dir)) continue;
      const manifest = readManifest(dir);
      if (manifest) add(out, dir, manifest);
    }
  }
  return out;
}

function add(out: Map<string, WorkspacePackage>, dir: string, manifest: Manifest): void {
  if (typeof manifest.name === 'string' && !out.has(manifest.name)) out.set(manifest.name, { dir, manifest });
}

function npmPatterns(manifest: Manifest | undefined): string[] {
  const field = manifest?.workspaces;
  const list = Array.isArray(field) ? field : (field as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

/** The `packages:` list of pnpm-workspace.yaml; its other keys do not name packages. */
function pnpmPatterns(root: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPackages = /^packages\s*:/.test(line);
    const item = inPackages ? /^\s+-\s*['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/.exec(line) : null;
    if (item) out.push(item[1]!);
  }
  return out;
}

/** Directories a workspace pattern names: `*` is one directory level, `**` any number (node_modules never). */
function expand(root: string, pattern: string): string[] {
  let dirs = [root];
  for (const segment of pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '**') dirs = dirs.flatMap((dir) => [dir, ...descendants(dir)]);
    else if (segment.includes('*')) {
      const matcher = new RegExp(
        `^${segment
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]*')}$`,
      );
      dirs = dirs.flatMap((dir) =>
        children(dir)
          .filter((name) => matcher.test(name))
          .map((name) => join(dir, name)),
      );
    } else dirs = dirs.map((dir) => join(dir, segment));
  }
  return dirs;
}

function children(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'node_modules' && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

function descendants(dir: string): string[] {
  return children(dir).flatMap((name) => [join(dir, name), ...descendants(join(dir, name))]);
}
