import { dirname, extname, join, relative, sep } from 'node:path';
import { AqeError, type DiscoverContext, type DiscoverOutput, ErrorCodes } from '@aqe/kernel';
import { listInChild } from './config-process.js';
import { findPlaywright } from './install.js';

/** The only files Playwright hands to testMatch (its collectFilesForProject); narrowing here keeps the child's input small. */
const TEST_EXTENSIONS = new Set(['.js', '.ts', '.mjs', '.mts', '.cjs', '.cts', '.jsx', '.tsx', '.mjsx', '.mtsx', '.cjsx', '.ctsx']);

interface Job {
  /** Absolute config file, or the root when the project has none (Playwright's defaults). */
  location: string;
  /** Where Playwright is resolved from: the config's directory. */
  dir: string;
  /** What error messages name. */
  label: string;
}

/**
 * Every config's test files, each file once however many projects or configs list it.
 * Configs that resolve the same Playwright share one child process.
 */
export async function discoverPlaywright(ctx: DiscoverContext): Promise<DiscoverOutput> {
  const jobs: Job[] = ctx.detection.configFiles.length
    ? ctx.detection.configFiles.map((file) => ({ location: join(ctx.root, file), dir: dirname(join(ctx.root, file)), label: file }))
    : [{ location: ctx.root, dir: ctx.root, label: 'the Playwright defaults (no playwright.config.*)' }];
  const groups = new Map<string, Job[]>();
  for (const job of jobs) {
    const install = findPlaywright(job.dir);
    if (!install) throw configFailed(job, 'no @playwright/test is installed where it can import it', 'Install it (npm install -D @playwright/test) in the package that holds the config');
    groups.set(install.dir, [...(groups.get(install.dir) ?? []), job]);
  }
  const files = ctx.files.filter((file) => TEST_EXTENSIONS.has(extname(file)));
  const found = new Set<string>();
  const inputs = new Set<string>();
  await Promise.all(
    [...groups].map(async ([playwrightDir, group]) => {
      const reply = await listInChild({ root: ctx.root, playwrightDir, locations: group.map((j) => j.location), files }, ctx.signal);
      if (!reply.ok) throw configFailed(group[reply.index ?? 0]!, reply.message, 'Fix it until `npx playwright test --list` loads it');
      for (const config of reply.configs) {
        for (const file of config.files) found.add(file);
        for (const dep of config.dependencies) inputs.add(relative(ctx.root, dep).split(sep).join('/'));
      }
    }),
  );
  return { files: [...found].sort(), inputs: [...inputs].sort() };
}

function configFailed(job: Job, reason: string, fix: string): AqeError {
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${job.label}: ${reason}`, fix);
}
