import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { DiscoverContext, DiscoverOutput } from '@aqe/kernel';
import { WORKSPACE_NAMES } from './config-files.js';
import { globFiles } from './glob-files.js';
import { indexFs } from './index-fs.js';
import { loadVitestConfig } from './load-config.js';

/**
 * Vitest's test files: the config resolved by the project's Vitest (one child process),
 * then, per project, Vitest's globbing (`TestProject.globTestFiles`) replayed over the
 * kernel's file index — the same set `vitest list --filesOnly` prints.
 */
export async function discoverVitest(ctx: DiscoverContext): Promise<DiscoverOutput> {
  const label = ctx.detection.configFiles.find((file) => !WORKSPACE_NAMES.includes(file.slice(file.lastIndexOf('/') + 1))) ?? 'the Vitest config';
  const config = await loadVitestConfig(ctx.root, label, ctx.signal);
  const fs = indexFs(ctx.root, ctx.files);
  const rel = (file: string) => toPosix(relative(ctx.root, file));
  const tests = new Set<string>();
  const inputs = new Set(config.dependencies.map(rel));
  for (const project of config.projects) {
    const { dir, typecheck } = project;
    if (!(typecheck.enabled && typecheck.only)) {
      for (const file of globFiles(fs, dir, project.include, project.exclude)) tests.add(rel(file));
      // In-source tests: a candidate counts by its content, so every candidate is an input.
      for (const file of globFiles(fs, dir, project.includeSource, project.exclude)) {
        inputs.add(rel(file));
        if (isInSourceTest(file)) tests.add(rel(file));
      }
    }
    if (typecheck.enabled) for (const file of globFiles(fs, dir, typecheck.include, typecheck.exclude)) tests.add(rel(file));
  }
  return { files: [...tests].sort(), inputs: [...inputs].sort() };
}

/** Vitest's own test (TestProject.isInSourceTestCode); an unreadable file is not a test, as there. */
function isInSourceTest(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').includes('import.meta.vitest');
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
