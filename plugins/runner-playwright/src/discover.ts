import { dirname, extname, join, relative, sep } from 'node:path';
import { AqeError, type DiscoverContext, type DiscoverOutput, ErrorCodes } from '@aqe/kernel';
import { listInChild } from './config-process.js';
import { findPlaywright, type PlaywrightInstall } from './install.js';
import { listWithCli } from './list-cli.js';

/** The only files Playwright hands to testMatch (its collectFilesForProject); narrowing here keeps the child's input small. */
const TEST_EXTENSIONS = new Set(['.js', '.ts', '.mjs', '.mts', '.cjs', '.cts', '.jsx', '.tsx', '.mjsx', '.mtsx', '.cjsx', '.ctsx']);

interface Job {
  /** Absolute config file; undefined when the project has none (Playwright's defaults at the root). */
  config: string | undefined;
  /** Where Playwright is resolved from and started in: the config's directory. */
  dir: string;
  /** What error messages name. */
  label: string;
}

interface Found {
  files: Set<string>;
  inputs: Set<string>;
}

/**
 * Every config's test files, each file once however many projects or configs list it.
 * Configs that resolve the same Playwright share one child process; a Playwright whose
 * config loader aqe cannot reach lists through its own CLI.
 */
export async function discoverPlaywright(ctx: DiscoverContext): Promise<DiscoverOutput> {
  const jobs: Job[] = ctx.detection.configFiles.length
    ? ctx.detection.configFiles.map((file) => ({ config: join(ctx.root, file), dir: dirname(join(ctx.root, file)), label: file }))
    : [{ config: undefined, dir: ctx.root, label: 'the Playwright defaults (no playwright.config.*)' }];
  const groups = new Map<string, { install: PlaywrightInstall; jobs: Job[] }>();
  for (const job of jobs) {
    const install = findPlaywright(job.dir);
    if (!install) throw configFailed(job, 'no @playwright/test is installed where it can import it', 'Install it (npm install -D @playwright/test) in the package that holds the config');
    const group = groups.get(install.dir) ?? { install, jobs: [] };
    group.jobs.push(job);
    groups.set(install.dir, group);
  }
  const found: Found = { files: new Set(), inputs: new Set() };
  await Promise.all([...groups.values()].map(({ install, jobs }) => listGroup(install, jobs, ctx, found)));
  return { files: [...found.files].sort(), inputs: [...found.inputs].sort() };
}

async function listGroup(install: PlaywrightInstall, jobs: Job[], ctx: DiscoverContext, found: Found): Promise<void> {
  if (install.api !== 'cli') {
    const files = ctx.files.filter((file) => TEST_EXTENSIONS.has(extname(file)));
    const reply = await listInChild({ root: ctx.root, playwrightDir: install.dir, api: install.api, locations: jobs.map((j) => j.config ?? ctx.root), files }, ctx.signal);
    if (reply.ok) {
      for (const config of reply.configs) {
        for (const file of config.files) found.files.add(file);
        for (const dep of config.dependencies) found.inputs.add(relative(ctx.root, dep).split(sep).join('/'));
      }
      return;
    }
    if (!reply.noApi) throw configFailed(jobs[reply.index ?? 0]!, reply.message, 'Fix it until `npx playwright test --list` loads it');
  }
  for (const job of jobs) {
    let listing: Awaited<ReturnType<typeof listWithCli>>;
    try {
      listing = await listWithCli(install, job.config, job.dir, ctx.root, ctx.signal);
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      throw configFailed(job, error instanceof Error ? error.message : String(error), 'Fix it until `npx playwright test --list` lists its tests');
    }
    for (const file of listing.files) found.files.add(file);
    // What the CLI's config imported is not known: the config itself decides the listing.
    if (job.config) found.inputs.add(relative(ctx.root, job.config).split(sep).join('/'));
  }
}

function configFailed(job: Job, reason: string, fix: string): AqeError {
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${job.label}: ${reason}`, fix);
}
