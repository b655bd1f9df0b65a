import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedVersion } from '@aqe/kernel/runner-kit';
import { prepareJestConfig } from './config-process.js';
import { isJestProject } from './jest-project.js';

/**
 * Starts Jest's config thread ahead of discover, only where detect would find Jest and
 * Jest is installed: Jest's config names are root-level, so the root listing stands in for
 * the file index the kernel is still building.
 */
export function prepareJest(root: string): void {
  let packageJson: Record<string, unknown> | undefined;
  try {
    packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    packageJson = undefined;
  }
  try {
    if (!isJestProject(readdirSync(root), packageJson) || !installedVersion(root, 'jest')) return;
    prepareJestConfig(root);
  } catch {
    // Only a head start: discover resolves the config itself and reports what goes wrong.
  }
}
