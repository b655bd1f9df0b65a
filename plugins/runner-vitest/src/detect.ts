import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { CONFIG_NAMES, findConfigFile, WORKSPACE_NAMES } from './config-files.js';
import { installedVersion } from '@aqe/kernel';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/**
 * Vitest is present when package.json depends on it or the root has a Vitest config or
 * workspace file (a vite.config alone is a Vite app, not a Vitest suite). Runs on every
 * discover, warm or cold, so it only reads package.json data and stats a few names.
 */
export async function detectVitest(project: ProjectInfo): Promise<RunnerDetection | null> {
  const { root } = project;
  if (!isVitestProject(root, project.packageJson)) return null;
  const workspaces = WORKSPACE_NAMES.filter((name) => existsSync(join(root, name)));
  const config = findConfigFile(root);
  const configFiles = [...(config ? [toPosix(relative(root, config))] : []), ...workspaces].sort();
  const version = installedVersion(root, 'vitest');
  return { runner: 'vitest', configFiles, ...(version ? { version } : {}) };
}

export function isVitestProject(root: string, packageJson: Record<string, unknown> | undefined): boolean {
  return dependsOnVitest(packageJson) || WORKSPACE_NAMES.some((name) => existsSync(join(root, name))) || CONFIG_NAMES.some((name) => name.startsWith('vitest.') && existsSync(join(root, name)));
}

function dependsOnVitest(packageJson: Record<string, unknown> | undefined): boolean {
  return DEPENDENCY_FIELDS.some((field) => {
    const deps = packageJson?.[field];
    return typeof deps === 'object' && deps !== null && 'vitest' in deps;
  });
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
