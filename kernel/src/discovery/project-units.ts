import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FileIndex } from '../files/file-index.js';
import { readProjectPackage } from './project-package.js';
import { findWorkspacePackages } from './workspace-packages.js';

const require = createRequire(import.meta.url);

/**
 * A project aqe runs on its own: the repository root, or one workspace package with its
 * own directory, package.json and files (relative to that directory), as `npm test -w
 * <pkg>` would see them.
 */
export interface ProjectUnit {
  /** Relative POSIX directory of the package; '' for the repository root. */
  dir: string;
  /** The package's name (its package.json `name`), else its directory. */
  name: string;
  root: string;
  packageJson: Record<string, unknown> | undefined;
  /** The files under `dir`, relative to it; for the root, those outside every package. */
  files: string[];
  symlinks: ReadonlySet<string>;
}

export interface ProjectUnits {
  /** The root with every file of the repository (for a root config that names the packages). */
  wholeRoot: ProjectUnit;
  /** The root with only its own files, then each package; just the whole root without workspaces. */
  units: ProjectUnit[];
}

/** Splits the file index into the root and its workspace packages, each file to its innermost package. */
export function projectUnits(cwd: string, index: FileIndex, packageJson: Record<string, unknown> | undefined): ProjectUnits {
  const wholeRoot: ProjectUnit = { dir: '', name: nameOf(packageJson, '.'), root: cwd, packageJson, files: index.files, symlinks: index.symlinks };
  const dirs = findWorkspacePackages(cwd, index.files, packageJson).filter((dir) => dir !== '');
  if (dirs.length === 0) return { wholeRoot, units: [wholeRoot] };
  const byDir = new Map<string, ProjectUnit & { symlinks: Set<string> }>();
  byDir.set('', { ...wholeRoot, files: [], symlinks: new Set() });
  for (const dir of dirs) {
    const pkg = readProjectPackage(join(cwd, dir));
    byDir.set(dir, { dir, name: nameOf(pkg, dir), root: join(cwd, dir), packageJson: pkg, files: [], symlinks: new Set() });
  }
  for (const file of index.files) {
    const unit = byDir.get(innermost(file, byDir))!;
    const rel = unit.dir === '' ? file : file.slice(unit.dir.length + 1);
    unit.files.push(rel);
    if (index.symlinks.has(file)) unit.symlinks.add(rel);
  }
  return { wholeRoot, units: [...byDir.values()] };
}

/** The innermost package directory holding `file` ('' for the root). */
function innermost(file: string, byDir: ReadonlyMap<string, unknown>): string {
  for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
    const dir = file.slice(0, slash);
    if (byDir.has(dir)) return dir;
  }
  return '';
}

function nameOf(pkg: Record<string, unknown> | undefined, fallback: string): string {
  return typeof pkg?.name === 'string' && pkg.name !== '' ? pkg.name : fallback;
}

/** Whether a unit is selected by `--project` names or globs (matched against its name and its directory). */
export function selectsUnit(unit: ProjectUnit, patterns: readonly string[] | undefined): boolean {
  if (!patterns || patterns.length === 0) return true;
  const picomatch = require('picomatch') as typeof import('picomatch');
  const isMatch = picomatch(
    patterns.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')),
    { dot: true },
  );
  return isMatch(unit.name) || (unit.dir !== '' && isMatch(unit.dir)) || (unit.dir === '' && patterns.includes('.'));
}
