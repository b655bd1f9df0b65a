/**
 * Child side of config-process.ts: a plain `node` that loads the project's own Playwright
 * (never a copy of aqe's) and answers one ListRequest over IPC. Configs are loaded by the same
 * functions `playwright test` uses (configLoader.resolveConfigLocation + loadConfig), so
 * TS/ESM configs go through Playwright's babel transform and every default and per-project
 * inheritance rule is Playwright's; files are matched with Playwright's createFileMatcher.
 * Both live behind the package's `./lib/common` and `./lib/util` exports: internal, not
 * documented, hence the narrow interfaces below and a clear error when they are missing.
 */
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import type { ListedConfig, ListReply, ListRequest } from './protocol.js';

type Pattern = string | RegExp | (string | RegExp)[];

interface ProjectInternal {
  /** false: `playwright test` skips the project unless it is named or depended on (absent in older versions: then every project runs). */
  default?: boolean;
  deps: ProjectInternal[];
  teardown?: ProjectInternal;
  project: { testDir: string; testMatch: Pattern; testIgnore: Pattern };
}

interface ConfigLocation {
  resolvedConfigFile?: string;
  configDir: string;
}

interface PlaywrightCommon {
  configLoader: {
    resolveConfigLocation(fileOrDir: string): ConfigLocation;
    loadConfig(location: ConfigLocation): Promise<{ projects: ProjectInternal[] }>;
  };
  transform: {
    installTransformIfNeeded(): void;
    startCollectingFileDeps(): Promise<void>;
    stopCollectingFileDeps(file: string): Promise<void>;
    /** Pulls what the ESM loader thread recorded (imports of ESM configs) into this thread. */
    incorporateCompilationCache(): Promise<void>;
  };
  cc: { dependenciesForTestFile(file: string): Set<string> };
}

type FileMatcher = (absolutePath: string) => boolean;

// The request comes on stdin: unlike an IPC message, it waits in the pipe until this
// module (evaluated asynchronously, as ESM) is ready to read it.
readRequest()
  .then(list)
  .then(reply, (error: unknown) => reply({ ok: false, message: describe(error) }));

async function readRequest(): Promise<ListRequest> {
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk;
  return JSON.parse(text) as ListRequest;
}

function reply(message: ListReply): void {
  process.send!(message, () => process.exit(0));
}

async function list(request: ListRequest): Promise<ListReply> {
  const require = createRequire(join(request.playwrightDir, 'package.json'));
  const common = require('playwright/lib/common') as PlaywrightCommon;
  const { createFileMatcher } = require('playwright/lib/util') as { createFileMatcher(patterns: Pattern): FileMatcher };
  if (typeof common.configLoader?.loadConfig !== 'function' || typeof createFileMatcher !== 'function') {
    throw new Error(`the Playwright in ${request.playwrightDir} has no config loader aqe knows (playwright/lib/common): aqe reads the layout of @playwright/test 1.65`);
  }
  const configs: ListedConfig[] = [];
  for (const [index, location] of request.locations.entries()) {
    try {
      configs.push(await listConfig(common, createFileMatcher, location, request));
    } catch (error) {
      return { ok: false, index, message: describe(error) };
    }
  }
  return { ok: true, configs };
}

async function listConfig(common: PlaywrightCommon, createFileMatcher: (p: Pattern) => FileMatcher, location: string, request: ListRequest): Promise<ListedConfig> {
  const resolved = common.configLoader.resolveConfigLocation(location);
  // Configs are written for `playwright test` started beside them; some read process.cwd().
  process.chdir(resolved.configDir);
  // The loader thread must exist before collecting starts, or ESM imports go unrecorded.
  common.transform.installTransformIfNeeded();
  await common.transform.startCollectingFileDeps();
  let config: { projects: ProjectInternal[] };
  try {
    config = await common.configLoader.loadConfig(resolved);
  } finally {
    if (resolved.resolvedConfigFile) await common.transform.stopCollectingFileDeps(resolved.resolvedConfigFile);
  }
  await common.transform.incorporateCompilationCache();
  const files = new Set<string>();
  for (const project of projectsToRun(config.projects)) {
    for (const file of projectFiles(project, createFileMatcher, request)) files.add(file);
  }
  const dependencies = resolved.resolvedConfigFile ? [...common.cc.dependenciesForTestFile(resolved.resolvedConfigFile)] : [];
  return { files: [...files], dependencies };
}

/** What `playwright test` runs with no --project: the default projects and, transitively, their dependencies and teardowns. */
function projectsToRun(projects: ProjectInternal[]): Set<ProjectInternal> {
  const chosen = new Set<ProjectInternal>();
  const visit = (project: ProjectInternal) => {
    if (chosen.has(project)) return;
    chosen.add(project);
    for (const dep of project.deps) visit(dep);
    if (project.teardown) visit(project.teardown);
  };
  for (const project of projects) if (project.default !== false) visit(project);
  return chosen;
}

/**
 * Playwright's collectFilesForProject over the kernel's index instead of its own walk:
 * files under testDir (node_modules and ignored paths are already out of the index) that
 * testIgnore misses and testMatch hits, both tested against the absolute path.
 */
function projectFiles(project: ProjectInternal, createFileMatcher: (p: Pattern) => FileMatcher, request: ListRequest): string[] {
  const dir = relative(request.root, project.project.testDir).split(sep).join('/');
  // A testDir outside the root (or, on Windows, on another drive) holds no file of the index.
  if (dir === '..' || dir.startsWith('../') || dir.includes(':')) return [];
  const prefix = dir === '' ? '' : `${dir}/`;
  const testMatch = createFileMatcher(project.project.testMatch);
  const testIgnore = createFileMatcher(project.project.testIgnore);
  return request.files.filter((file) => {
    if (!file.startsWith(prefix)) return false;
    const absolute = join(request.root, file);
    return !testIgnore(absolute) && testMatch(absolute);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
