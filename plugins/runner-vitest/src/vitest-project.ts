import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_NAMES, WORKSPACE_NAMES } from './config-files.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/**
 * Vitest is present when package.json depends on it, a script runs it (a workspace package
 * with Vitest hoisted to the root), or the root has a Vitest config or workspace file.
 */
export function isVitestProject(root: string, packageJson: Record<string, unknown> | undefined): boolean {
  return dependsOnVitest(packageJson) || scriptRunsVitest(packageJson) || WORKSPACE_NAMES.some((name) => existsSync(join(root, name))) || CONFIG_NAMES.some((name) => name.startsWith('vitest.') && existsSync(join(root, name)));
}

function dependsOnVitest(packageJson: Record<string, unknown> | undefined): boolean {
  return DEPENDENCY_FIELDS.some((field) => {
    const deps = packageJson?.[field];
    return typeof deps === 'object' && deps !== null && 'vitest' in deps;
  });
}

function scriptRunsVitest(packageJson: Record<string, unknown> | undefined): boolean {
  const scripts = packageJson?.scripts;
  return typeof scripts === 'object' && scripts !== null && Object.values(scripts).some((script) => typeof script === 'string' && /(^|[\s;&|(/])vitest(?=$|[\s;&|)])/.test(script));
}
