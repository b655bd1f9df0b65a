/**
 * Worker thread entry (started by config-process.ts with the project root as data):
 * resolves the project's Jest config with the project's own jest-config, exactly as `jest`
 * would, and sends back each project's test-file options plus every local file that
 * resolution read. The thread has its own module registry, so Jest's version, its module
 * cache and whatever the config runs stay out of aqe's. Jest 22 and 23 have no readConfigs:
 * there Jest's own `--listTests` answers (list-tests.ts).
 */
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drainMessages, threadEntry } from '@aqe/kernel/runner-kit';
import { scriptConfig } from './jest-project.js';
import { listTestsWithCli } from './list-tests.js';
import type { ConfigChildMessage, JestProjectOptions } from './protocol.js';

/**
 * The slice of jest-config's API used here: readConfigs and readConfig from Jest 24,
 * readInitialOptions (only to name a failing config) from Jest 29.
 */
interface JestConfigApi {
  readConfigs?(argv: Argv, projectPaths: string[]): Promise<{ globalConfig: Record<string, unknown>; configs: Record<string, unknown>[] }>;
  readConfig(
    argv: Argv,
    packageRootOrConfig: unknown,
    skipArgvConfigOption?: boolean,
    parentConfigDirname?: string | null,
    projectIndex?: number,
    skipMultipleConfigError?: boolean,
    isProjectOptions?: boolean,
  ): Promise<{ globalConfig: { projects?: unknown[] } }>;
  readInitialOptions?(config: undefined, options: { packageRootOrConfig: string; readFromCwd?: boolean }): Promise<{ configPath: string | null }>;
}
type Argv = { _: string[]; $0: string; config?: string };

// `jest` runs in the project root: process.cwd() answers it here too.
const { root, answer } = threadEntry<ConfigChildMessage>();
const loaded = new Set<string>();
const packageJson = readPackageJson();
// `npm test` runs `jest --config <file>` when the test script says so.
const named = scriptConfig(packageJson);
const argv: Argv = { _: [], $0: 'jest', ...(named === undefined ? {} : { config: resolve(root, named) }) };

// CommonJS configs (and what they require), JSON configs and package.json are read through
// fs.readFileSync. Patched before jest-config loads: its graceful-fs copies fs on first require.
const readFileSync = fs.readFileSync;
(fs as { readFileSync: unknown }).readFileSync = function tracked(this: unknown, ...args: unknown[]) {
  const path = args[0];
  if (typeof path === 'string') loaded.add(path);
  else if (path instanceof URL && path.protocol === 'file:') loaded.add(fileURLToPath(path));
  return Reflect.apply(readFileSync, this, args);
};
const { port1, port2 } = new MessageChannel();

answer(await resolveConfig());

/** Read before fs.readFileSync is tracked: package.json is an input only when Jest reads it, or the test script names the config. */
function readPackageJson(): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A JS/TS config file (the test script's, or one in the root), or a JSON one (or package.json "jest") with projects, which may be modules. */
function mayImportModules(): boolean {
  if (argv.config !== undefined && !argv.config.endsWith('.json')) return true;
  const names = fs.readdirSync(root);
  if (names.some((name) => /^jest\.config\.(?:[cm]?[jt]s)$/.test(name))) return true;
  try {
    const json = argv.config !== undefined ? JSON.parse(readFileSync(argv.config, 'utf8')) : names.includes('jest.config.json') ? JSON.parse(readFileSync(join(root, 'jest.config.json'), 'utf8')) : packageJson?.jest;
    return typeof json !== 'object' || json === null || 'projects' in json;
  } catch {
    // Unreadable: let jest-config say so, with the hooks in place as for any other config.
    return true;
  }
}

async function resolveConfig(): Promise<ConfigChildMessage> {
  let api: JestConfigApi;
  try {
    api = requireJestConfig();
  } catch (error) {
    return { ok: false, file: null, message: reasonOf(error), missing: true };
  }
  if (typeof api.readConfigs !== 'function') return listTestsWithCli(root, argv.config);
  // The test script, in package.json, chose the config.
  if (argv.config !== undefined) loaded.add(join(root, 'package.json'));
  // ES module configs (and what they import) go through the loader hooks instead. Registering
  // them starts a loader thread (~30 ms of a cold discovery): a JSON config without projects
  // imports no module, so it goes without.
  if (mayImportModules()) register('./config-hooks.js', import.meta.url, { data: { port: port2 }, transferList: [port2] });
  try {
    const { globalConfig, configs } = await api.readConfigs(argv, [root]);
    for (const url of drainMessages(port1)) loaded.add(fileURLToPath(url as string));
    for (const file of setupFiles([globalConfig, ...configs])) loaded.add(file);
    return { ok: true, projects: configs.map(toOptions), loaded: [...loaded] };
  } catch (error) {
    return { ok: false, file: await failingConfig(api), message: reasonOf(error), ...(needsRequireModule(error) ? { requireModule: true } : {}) };
  }
}

/**
 * ES module syntax in a file Node takes for CommonJS (`export default` in a jest.config.js
 * of a package without "type": "module"): the `jest` command loads it through require(esm)
 * (Node 20.19 and later), which this thread has switched off (see config-process.ts).
 */
function needsRequireModule(error: unknown): boolean {
  if (!process.execArgv.includes('--no-experimental-require-module')) return false;
  const text = error instanceof Error ? error.message : String(error);
  return /Unexpected token 'export'|Cannot use import statement outside a module/.test(text);
}

/** The jest-config that `jest` itself runs (jest → jest-cli → jest-config), else one the project depends on directly. */
function requireJestConfig(): JestConfigApi {
  const fromRoot = createRequire(join(root, 'package.json'));
  for (const chain of [['jest/package.json', 'jest-cli/package.json', 'jest-config'], ['jest-config']]) {
    try {
      let req = fromRoot;
      for (const id of chain.slice(0, -1)) req = createRequire(req.resolve(id));
      return req(chain.at(-1)!) as JestConfigApi;
    } catch {
      // Try the next way in.
    }
  }
  throw new Error('jest-config cannot be resolved from the project root');
}

/**
 * Setup files run with every test file, so what a test does depends on them (and cached
 * results are keyed on them). jest-config resolved them to absolute paths; installed ones
 * are dropped with the rest of node_modules by load-config.ts.
 */
function setupFiles(configs: Record<string, unknown>[]): string[] {
  const out: string[] = [];
  for (const config of configs) {
    for (const key of ['setupFiles', 'setupFilesAfterEnv', 'globalSetup', 'globalTeardown']) {
      const value = config[key];
      for (const file of Array.isArray(value) ? value : [value]) if (typeof file === 'string') out.push(file);
    }
  }
  return out;
}

function toOptions(config: Record<string, unknown>): JestProjectOptions {
  // testRegex is one string in Jest 24's normalised config, a list from Jest 25.
  const strings = (key: string) => [config[key] ?? []].flat().map((v) => (v instanceof RegExp ? v.source : String(v)));
  const haste = (config.haste ?? {}) as { enableSymlinks?: boolean };
  return {
    rootDir: String(config.rootDir),
    roots: strings('roots'),
    testMatch: strings('testMatch'),
    testRegex: strings('testRegex'),
    testPathIgnorePatterns: strings('testPathIgnorePatterns'),
    moduleFileExtensions: strings('moduleFileExtensions'),
    modulePathIgnorePatterns: strings('modulePathIgnorePatterns'),
    cacheDirectory: String(config.cacheDirectory),
    enableSymlinks: haste.enableSymlinks === true,
  };
}

/**
 * readConfigs does not say which config failed, and Jest does not print it either, so
 * re-read the root config, then each project's, the way readConfigs does, to name it.
 */
async function failingConfig(api: JestConfigApi): Promise<string | null> {
  let rootPath: string | null = null;
  if (!api.readInitialOptions) return null;
  try {
    rootPath = (await api.readInitialOptions(undefined, { packageRootOrConfig: argv.config ?? root })).configPath;
    const { globalConfig } = await api.readConfig(argv, root);
    for (const [index, project] of (globalConfig.projects ?? []).entries()) {
      const own = typeof project === 'string' ? await configPathOf(api, project) : null;
      try {
        await api.readConfig(argv, project, true, rootPath ? dirname(rootPath) : root, index, true, true);
      } catch {
        return own ?? rootPath;
      }
    }
  } catch {
    // The root config itself failed.
  }
  return rootPath;
}

async function configPathOf(api: JestConfigApi, project: string): Promise<string | null> {
  try {
    return (await api.readInitialOptions!(undefined, { packageRootOrConfig: project, readFromCwd: true })).configPath;
  } catch {
    return null;
  }
}

/** jest-validate wraps the reason in "● Validation Error:" and a documentation link; keep the reason. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => line.trim());
  return lines.filter((line) => line && !line.startsWith('●') && !line.startsWith('Configuration Documentation') && !/^https?:\/\//.test(line)).join(' ');
}
