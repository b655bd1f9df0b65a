import { dirname, join } from 'node:path';
import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { findPlaywright } from './install.js';

/** The names Playwright looks for in a directory, in its own order: the first one present wins. */
const CONFIG_NAMES = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'].map((ext) => `playwright.config${ext}`);

/**
 * Playwright is here when the project declares it or a config file sits where an installed
 * Playwright resolves. Without any config file only a declared `@playwright/test` counts
 * (then `playwright test` runs on its defaults): the `playwright` package alone is as often
 * a browser-automation library as a test runner.
 */
export async function detectPlaywright(project: ProjectInfo): Promise<RunnerDetection | null> {
  const configFiles = findConfigFiles(project.files);
  const declared = declares(project.packageJson, '@playwright/test');
  if (configFiles.length === 0 && !declared) return null;
  const install = findPlaywright(project.root) ?? configFiles.map((file) => findPlaywright(dirname(join(project.root, file)))).find(Boolean);
  if (configFiles.length > 0 && !declared && !declares(project.packageJson, 'playwright') && !install) return null;
  return { runner: 'playwright', configFiles, ...(install ? { version: install.version } : {}) };
}

export async function playwrightVersion(project: ProjectInfo): Promise<string | null> {
  return findPlaywright(project.root)?.version ?? null;
}

/** One config per directory (one per package in a monorepo), picked the way Playwright picks it. */
function findConfigFiles(files: readonly string[]): string[] {
  const byDir = new Map<string, { file: string; rank: number }>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    const rank = CONFIG_NAMES.indexOf(file.slice(slash + 1));
    if (rank < 0) continue;
    const dir = file.slice(0, slash + 1);
    const best = byDir.get(dir);
    if (!best || rank < best.rank) byDir.set(dir, { file, rank });
  }
  return [...byDir.values()].map((c) => c.file).sort();
}

function declares(packageJson: Record<string, unknown> | undefined, name: string): boolean {
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const deps = packageJson?.[field];
    return typeof deps === 'object' && deps !== null && name in deps;
  });
}
