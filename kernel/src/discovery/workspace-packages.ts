import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Picomatch = typeof import('picomatch');

/**
 * The workspace packages under `root`, as relative directories (sorted): npm and yarn
 * `workspaces` (array or `{ packages }`), pnpm's `pnpm-workspace.yaml`, lerna's
 * `packages`, and Nx projects (`project.json` beside an `nx.json` root). Turborepo uses the
 * package manager's workspaces, so it is covered by those. Only directories in the file
 * index count, so ignored and node_modules paths never become packages.
 */
export function findWorkspacePackages(root: string, files: readonly string[], packageJson: Record<string, unknown> | undefined): string[] {
  const patterns = [...npmPatterns(packageJson), ...pnpmPatterns(root, files), ...lernaPatterns(root, files)];
  const out = new Set<string>();
  if (patterns.length > 0) {
    const picomatch = require('picomatch') as Picomatch;
    const include = patterns.filter((p) => !p.startsWith('!')).map(clean);
    const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1)));
    const isIncluded = picomatch(include, { dot: false });
    const isExcluded = exclude.length > 0 ? picomatch(exclude) : () => false;
    for (const file of files) {
      if (!file.endsWith('/package.json')) continue;
      const dir = file.slice(0, -'/package.json'.length);
      if (isIncluded(dir) && !isExcluded(dir)) out.add(dir);
    }
  }
  if (files.includes('nx.json')) {
    for (const file of files) if (file.endsWith('/project.json')) out.add(file.slice(0, -'/project.json'.length));
  }
  return [...out].sort();
}

function clean(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

function npmPatterns(pkg: Record<string, unknown> | undefined): string[] {
  const ws = pkg?.workspaces;
  const list = Array.isArray(ws) ? ws : typeof ws === 'object' && ws !== null && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages : [];
  return list.filter((p): p is string => typeof p === 'string');
}

/** The `packages:` list of pnpm-workspace.yaml: a flat list of (quoted or bare) globs is all pnpm documents there. */
function pnpmPatterns(root: string, files: readonly string[]): string[] {
  if (!files.includes('pnpm-workspace.yaml')) return [];
  const out: string[] = [];
  let inPackages = false;
  for (const raw of readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8').split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\S/.test(line)) inPackages = /^packages\s*:/.test(line);
    else if (inPackages) {
      const item = /^\s*-\s*(['"]?)(.+?)\1\s*$/.exec(line);
      if (item) out.push(item[2]!);
    }
  }
  return out;
}

function lernaPatterns(root: string, files: readonly string[]): string[] {
  if (!files.includes('lerna.json')) return [];
  try {
    const packages = (JSON.parse(readFileSync(join(root, 'lerna.json'), 'utf8')) as { packages?: unknown }).packages;
    return Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}
