import { isAbsolute, posix } from 'node:path';
import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { installedVersion, relativeInside } from '@aqe/kernel/runner-kit';
import { CONFIG_NAMES, isJestProject, scriptConfig } from './jest-project.js';

/**
 * Jest is present when the project depends on it, has a Jest config (a config file or a
 * package.json "jest" key), or a script runs it (a monorepo package with Jest hoisted).
 * Cheap by design: it reads only what the kernel already has plus Jest's package.json.
 */
export async function detectJest(project: ProjectInfo): Promise<RunnerDetection | null> {
  const pkg = project.packageJson ?? {};
  if (!isJestProject(project.files, pkg)) return null;
  const version = installedVersion(project.root, 'jest');
  return { runner: 'jest', configFiles: configFilesOf(project, pkg), ...(version ? { version } : {}) };
}

/** The config the test script names (Jest then reads no other), else the ones Jest looks for in the root. */
function configFilesOf(project: ProjectInfo, pkg: Record<string, unknown>): string[] {
  const named = scriptConfig(pkg);
  if (named !== undefined) return [isAbsolute(named) ? (relativeInside(project.root, named) ?? named) : posix.normalize(named.replaceAll('\\', '/'))];
  const configFiles = CONFIG_NAMES.filter((name) => project.files.includes(name));
  if ('jest' in pkg) configFiles.push('package.json');
  return configFiles.sort();
}
