/**
 * Child side of config-process.ts: a plain `node` that loads the project's own Playwright
 * (never a copy of aqe's) and answers one ListRequest. Configs are loaded by the functions
 * `playwright test` itself uses (resolveConfigLocation + loadConfig), so TS/ESM configs go
 * through Playwright's babel transform and every default and per-project inheritance rule
 * is Playwright's; files are matched with Playwright's createFileMatcher. These live behind
 * internal entry points that moved between versions (see PlaywrightApi), hence the narrow
 * interfaces below; a shape aqe does not know is answered `noApi` and discovery asks
 * Playwright's CLI instead.
 */
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import eventChannel from '@aqe/kernel/event-channel';
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

/** What listing needs of a Playwright version, whichever entry points hold it. */
interface ConfigApi {
  resolveConfigLocation(fileOrDir: string): ConfigLocation;
  /** Registers Playwright's ESM loader hooks (TS ES modules), before dependencies are collected. */
  prepare(configFile: string | undefined): void;
  loadConfig(location: ConfigLocation): Promise<{ projects: ProjectInternal[] }>;
  /** Records the local modules loaded between start and stop as the file's dependencies (CommonJS and, through the loader thread, ESM). */
  startCollectingFileDeps(): Promise<void>;
  stopCollectingFileDeps(file: string): Promise<void>;
  dependenciesForTestFile(file: string): Set<string>;
  createFileMatcher(patterns: Pattern): (absolutePath: string) => boolean;
}

/** An internal module, undocumented: loadApi checks what is used of it, function by function. */
type Internal = any;

class NoApi extends Error {}

const send = eventChannel.createEventSender<ListReply>(3);

// The request comes on stdin: it waits in the pipe until this module (evaluated
// asynchronously, as ESM) is ready to read it.
readRequest()
  .then(list)
  .then(reply, (error: unknown) => reply({ ok: false, message: describe(error), ...(error instanceof NoApi ? { noApi: true } : {}) }));

async function readRequest(): Promise<ListRequest> {
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk;
  return JSON.parse(text) as ListRequest;
}

function reply(message: ListReply): void {
  send(message);
  // A config may leave handles open (a server, a timer): the answer is all that was asked.
  process.exit(0);
}

async function list(request: ListRequest): Promise<ListReply> {
  const api = loadApi(request);
  const configs: ListedConfig[] = [];
  for (const [index, location] of request.locations.entries()) {
    try {
      configs.push(await listConfig(api, location, request));
    } catch (error) {
      return { ok: false, index, message: describe(error) };
    }
  }
  return { ok: true, configs };
}

function loadApi(request: ListRequest): ConfigApi {
  const require = createRequire(join(request.playwrightDir, 'package.json'));
  const api = request.api === 'common' ? commonApi(require) : configLoaderApi(require, request.playwrightDir);
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function') throw new NoApi(`the Playwright in ${request.playwrightDir} has no ${name} where aqe looks for it`);
  }
  return api;
}

/** 1.60 and later: one `playwright/lib/common` bundle. */
function commonApi(require: NodeJS.Require): ConfigApi {
  const common = require('playwright/lib/common') as Internal;
  const util = require('playwright/lib/util') as Internal;
  return {
    resolveConfigLocation: common.configLoader?.resolveConfigLocation,
    // The loader thread must exist before collecting starts, or ESM imports go unrecorded.
    prepare: () => common.transform?.installTransformIfNeeded?.(),
    loadConfig: common.configLoader?.loadConfig,
    startCollectingFileDeps: common.transform?.startCollectingFileDeps,
    stopCollectingFileDeps: async (file) => {
      await common.transform.stopCollectingFileDeps(file);
      // Pulls what the ESM loader thread recorded (imports of ESM configs) into this thread.
      await common.transform.incorporateCompilationCache?.();
    },
    dependenciesForTestFile: common.cc?.dependenciesForTestFile,
    createFileMatcher: util.createFileMatcher,
  };
}

/** 1.42 to 1.59: `playwright/lib/common/configLoader`, `lib/transform/compilationCache`, `lib/util`. */
function configLoaderApi(require: NodeJS.Require, playwrightDir: string): ConfigApi {
  const loader = require('playwright/lib/common/configLoader') as Internal;
  const cc = require('playwright/lib/transform/compilationCache') as Internal;
  const util = require('playwright/lib/util') as Internal;
  // The ESM loader's side of dependency collection is not exported; the same module instance
  // the config loader uses is its file (absent in some versions: then ESM imports go unrecorded).
  let esm: Internal;
  try {
    esm = require(join(playwrightDir, 'lib/common/esmLoaderHost.js'));
  } catch {
    esm = undefined;
  }
  return {
    resolveConfigLocation: loader.resolveConfigLocation,
    prepare: (configFile) => {
      // Up to 1.55 `playwright test` registers the ESM loader before loadConfig (in
      // restartWithExperimentalTsEsm, which restarts Node only where module.register is missing);
      // from 1.56 loadConfig registers it, and registering again is a no-op.
      if (typeof loader.restartWithExperimentalTsEsm === 'function') {
        if (loader.restartWithExperimentalTsEsm(configFile)) throw new Error('Playwright restarted Node to load ES modules: this Node has no module.register');
      } else esm?.registerESMLoader?.();
    },
    loadConfig: loader.loadConfig,
    startCollectingFileDeps: async () => {
      cc.startCollectingFileDeps();
      await esm?.startCollectingFileDeps?.();
    },
    stopCollectingFileDeps: async (file) => {
      cc.stopCollectingFileDeps(file);
      await esm?.stopCollectingFileDeps?.(file);
      await esm?.incorporateCompilationCache?.();
    },
    dependenciesForTestFile: cc.dependenciesForTestFile,
    createFileMatcher: util.createFileMatcher,
  };
}

async function listConfig(api: ConfigApi, location: string, request: ListRequest): Promise<ListedConfig> {
  const resolved = api.resolveConfigLocation(location);
  // Configs are written for `playwright test` started beside them; some read process.cwd().
  process.chdir(resolved.configDir);
  api.prepare(resolved.resolvedConfigFile);
  await api.startCollectingFileDeps();
  let config: { projects: ProjectInternal[] };
  try {
    config = await api.loadConfig(resolved);
  } finally {
    if (resolved.resolvedConfigFile) await api.stopCollectingFileDeps(resolved.resolvedConfigFile);
  }
  const files = new Set<string>();
  for (const project of projectsToRun(config.projects)) {
    for (const file of projectFiles(project, api, request)) files.add(file);
  }
  const dependencies = resolved.resolvedConfigFile ? [...api.dependenciesForTestFile(resolved.resolvedConfigFile)] : [];
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
function projectFiles(project: ProjectInternal, api: ConfigApi, request: ListRequest): string[] {
  const dir = relative(request.root, project.project.testDir).split(sep).join('/');
  // A testDir outside the root (or, on Windows, on another drive) holds no file of the index.
  if (dir === '..' || dir.startsWith('../') || dir.includes(':')) return [];
  const prefix = dir === '' ? '' : `${dir}/`;
  const testMatch = api.createFileMatcher(project.project.testMatch);
  const testIgnore = api.createFileMatcher(project.project.testIgnore);
  return request.files.filter((file) => {
    if (!file.startsWith(prefix)) return false;
    const absolute = join(request.root, file);
    return !testIgnore(absolute) && testMatch(absolute);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
