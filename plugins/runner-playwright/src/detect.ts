import { dirname, join } from 'node:path';
import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { findPlaywright } from './install.js';
import { CONFIG_NAMES, scriptConfig } from './script-config.js';

/**
 * Playwright is here when the project declares it or a config file sits where an installed
 * Playwright resolves. Without any config file only a declared `@playwright/test` counts
 * (then `playwright test` runs on its defaults): the `playwright` package alone is as often
 * a browser-automation library as a test runner.
 */
export async function detectPlaywright(project: ProjectInfo): Promise<RunnerDetection | null> {
  const configFiles = findConfigFiles(project.files, scriptConfig(project.packageJson, project.files));
  const declared = declares(project.packageJson, '@playwright/test');
  if (configFiles.length === 0 && !declared) return null;
  const install = findPlaywright(project.root) ?? configFiles.map((file) => findPlaywright(dirname(join(project.root, file)))).find(Boolean);
  if (configFiles.length > 0 && !declared && !declares(project.packageJson, 'playwright') && !install) return null;
  return { runner: 'playwright', configFiles, ...(install ? { version: install.version } : {}) };
}

export async function playwrightVersion(project: ProjectInfo): Promise<string | null> {
  return findPlaywright(project.root)?.version ?? null;
}

/**
 * One config per directory, picked the way Playwright picks it, and one per package: a
 * config in a directory without package.json below another config is an alternative that
 * is run with `playwright test -c <dir>` (an integration suite, say), not what the
 * package's `playwright test` runs. Without a config above it, it is the project's config.
 * When the package's test script names a config (`fromScript`), that one is the package's,
 * in place of those found outside other packages.
 */
function findConfigFiles(files: readonly string[], fromScript: string | undefined): string[] {
  const byDir = new Map<string, { file: string; rank: number }>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    const rank = CONFIG_NAMES.indexOf(file.slice(slash + 1));
    if (rank < 0) continue;
    const dir = file.slice(0, slash + 1);
    const best = byDir.get(dir);
    if (!best || rank < best.rank) byDir.set(dir, { file, rank });
  }
  const packages = new Set(files.filter((file) => file === 'package.json' || file.endsWith('/package.json')).map((file) => file.slice(0, -'package.json'.length)));
  if (fromScript !== undefined) {
    const others = [...byDir].filter(([dir]) => dir !== '' && packages.has(dir)).map(([, c]) => c.file);
    return [...new Set([fromScript, ...others])].sort();
  }
  const dirs = [...byDir.keys()];
  return [...byDir]
    .filter(([dir]) => dir === '' || packages.has(dir) || !dirs.some((other) => other !== dir && dir.startsWith(other) && !packageBetween(other, dir, packages)))
    .map(([, c]) => c.file)
    .sort();
}

/** A package.json in a directory below `ancestor` down to `dir` (both ending in "/" or empty): `dir` belongs to another package. */
function packageBetween(ancestor: string, dir: string, packages: Set<string>): boolean {
  for (let at = dir; at.length > ancestor.length; at = at.slice(0, at.slice(0, -1).lastIndexOf('/') + 1)) {
    if (packages.has(at)) return true;
  }
  return false;
}

function declares(packageJson: Record<string, unknown> | undefined, name: string): boolean {
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const deps = packageJson?.[field];
    return typeof deps === 'object' && deps !== null && name in deps;
  });
}
