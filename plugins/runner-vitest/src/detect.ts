import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { installedVersion } from '@aqe/kernel/runner-kit';
import { findConfigFile, WORKSPACE_NAMES } from './config-files.js';
import { scriptConfigFile, testScriptArgs } from './script-args.js';
import { isVitestProject } from './vitest-project.js';

/**
 * Vitest is present when package.json depends on it or the root has a Vitest config or
 * workspace file (a vite.config alone is a Vite app, not a Vitest suite). Runs on every
 * discover, warm or cold, so it only reads package.json data and stats a few names.
 */
export async function detectVitest(project: ProjectInfo): Promise<RunnerDetection | null> {
  const { root } = project;
  if (!isVitestProject(root, project.packageJson)) return null;
  const workspaces = WORKSPACE_NAMES.filter((name) => existsSync(join(root, name)));
  // The config the test script names is the one `npm test` loads, else Vitest's own lookup.
  const found = findConfigFile(root);
  const config = scriptConfigFile(root, testScriptArgs(project.packageJson)) ?? (found ? toPosix(relative(root, found)) : undefined);
  const configFiles = [...(config ? [config] : []), ...workspaces].sort();
  const version = installedVersion(root, 'vitest');
  return { runner: 'vitest', configFiles, ...(version ? { version } : {}) };
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
