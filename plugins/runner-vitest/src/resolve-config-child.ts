/**
 * Worker thread entry (started by config-process.ts with the project root as data):
 * resolves the project's Vitest config with the project's own installed Vitest, exactly as
 * `vitest list` does, and posts a ConfigResult. The thread's own module registry keeps
 * vitest/node (a few hundred milliseconds to import) and the Vite state it leaves behind
 * out of aqe's modules.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { threadEntry } from '@aqe/kernel/runner-kit';
import { parseScriptArgs, type VitestNodeArgs } from './framework-args.js';
import { testScriptArgs } from './script-args.js';
import type { ConfigResult, ResolvedProject } from './resolved-config.js';

// `vitest list` runs in the project root: process.cwd() answers it here too.
const { root, answer } = threadEntry<ConfigResult>();

// The parts of Vitest's node API read here; structural, so any Vitest 1–4 fits.
interface ViteOwner {
  /** `vite` since Vitest 3, `server` before. */
  vite?: { config: { configFileDependencies?: string[] } };
  server?: { config: { configFileDependencies?: string[] } };
}

interface VitestProjectLike extends ViteOwner {
  name?: string;
  config: {
    name?: string;
    root: string;
    dir?: string;
    include?: string[];
    exclude?: string[];
    includeSource?: string[];
    typecheck?: { enabled?: boolean; only?: boolean; include?: string[]; exclude?: string[] };
    /** Absolute once resolved (Vitest resolves both against the project root). */
    setupFiles?: string[];
    globalSetup?: string[];
  };
}

interface VitestLike extends ViteOwner {
  projects: VitestProjectLike[];
  /** Vitest 3 only: the vitest.workspace file it loaded. */
  _workspaceConfigPath?: unknown;
  close(): Promise<void>;
}

async function resolveConfig(root: string): Promise<ConfigResult> {
  let entry: string;
  try {
    entry = createRequire(join(root, 'package.json')).resolve('vitest/node');
  } catch {
    return { ok: false, message: `vitest is not installed (vitest/node cannot be resolved from ${root})`, fix: 'Install it: npm install --save-dev vitest' };
  }
  // The environment `vitest list` sets up before it loads the config (configs may read it).
  process.env.TEST = 'true';
  process.env.VITEST = 'true';
  process.env.NODE_ENV ??= 'test';
  const node = (await import(pathToFileURL(entry).href)) as VitestNodeArgs & { createVitest(mode: string, options: object): Promise<VitestLike> };
  // The config `npm test` loads: what the test script gives vitest (--config, --root, …).
  const scriptArgs = testScriptArgs(readPackageJson(join(root, 'package.json')));
  const vitest = await node.createVitest('test', { ...parseScriptArgs(node, entry, scriptArgs), watch: false, run: true });
  try {
    const dependencies = new Set<string>();
    for (const owner of [vitest, ...vitest.projects]) {
      for (const file of (owner.vite ?? owner.server)?.config.configFileDependencies ?? []) dependencies.add(file);
    }
    if (typeof vitest._workspaceConfigPath === 'string') dependencies.add(vitest._workspaceConfigPath);
    // The test script chose the config: changing it changes the files.
    if (scriptArgs.length > 0) dependencies.add(join(root, 'package.json'));
    // Setup files run before every test file, so what a test does depends on them (and
    // cached results must be keyed on them); a setup file from an installed package is
    // covered by the lockfile instead.
    for (const { config } of vitest.projects) {
      for (const file of [...(config.setupFiles ?? []), ...(config.globalSetup ?? [])]) if (!file.includes('/node_modules/')) dependencies.add(file);
    }
    return { ok: true, projects: vitest.projects.map(toProject), dependencies: [...dependencies] };
  } finally {
    await vitest.close();
  }
}

function readPackageJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function toProject(project: VitestProjectLike): ResolvedProject {
  const c = project.config;
  return {
    name: project.name ?? c.name ?? '',
    // Vitest hands `dir || root` to tinyglobby as its cwd, which resolves a relative one against process.cwd().
    dir: resolve(c.dir || c.root),
    include: c.include ?? [],
    exclude: c.exclude ?? [],
    includeSource: c.includeSource ?? [],
    typecheck: {
      enabled: c.typecheck?.enabled === true,
      only: c.typecheck?.only === true,
      include: c.typecheck?.include ?? [],
      exclude: c.typecheck?.exclude ?? [],
    },
  };
}

let result: ConfigResult;
try {
  result = await resolveConfig(root);
} catch (error) {
  result = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
answer(result);
