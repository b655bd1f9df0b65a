import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedVersion } from '@aqe/kernel/runner-kit';
import { prepareVitestConfig } from './config-process.js';
import { isVitestProject } from './vitest-project.js';

/** Starts Vitest's config process ahead of discover, only where detect would find Vitest and it is installed. */
export function prepareVitest(root: string): void {
  try {
    let packageJson: Record<string, unknown> | undefined;
    try {
      packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      packageJson = undefined;
    }
    if (!isVitestProject(root, packageJson) || !installedVersion(root, 'vitest')) return;
    prepareVitestConfig(root);
  } catch {
    // Only a head start: discover resolves the config itself and reports what goes wrong.
  }
}
