import { access } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_ENV_ALLOWLIST } from '../cache/key/key-inputs.js';
import { ConfigError, ErrorCodes, errorMessage } from '../errors.js';
import type { AgentPoolSettings } from '../types/agents.js';
import type { ResolvedConfig, UserConfig } from '../types/config.js';
import { readJsonIfExists } from '../util/read-json.js';
import { findConfigFile } from './find-config.js';
import { importConfig } from './import-config.js';

const DEFAULT_HOOK_TIMEOUT_MS = 10_000;
const DEFAULT_STORE_DIR = '.aqe/store';
const DEFAULT_CACHE_TIMEOUT_MS = 2000;
/** Fixed rather than derived from the CPU count, so a resolved config reads the same on every machine. */
const DEFAULT_AGENT_SETTINGS: AgentPoolSettings = { minThreads: 1, maxThreads: 4, idleTimeoutMs: 30_000, taskTimeoutMs: 60_000, maxOldGenerationSizeMb: 256 };

/**
 * Resolves the config: an inline object, an explicit file, the first aqe.config.* in
 * cwd, or package.json#aqe. Any defect is a ConfigError naming file and key path.
 */
export async function loadConfig(cwd: string, config?: UserConfig | string): Promise<ResolvedConfig> {
  if (typeof config === 'object') return validate(config, '<inline>');
  const file = typeof config === 'string' ? resolve(cwd, config) : await findConfigFile(cwd);
  if (file) return validate(await load(file, cwd), relative(cwd, file) || file);
  const pkg = await readPackageJson(cwd);
  if (pkg && 'aqe' in pkg) return validate(pkg.aqe, 'package.json#aqe');
  return resolved({}, null);
}

async function load(file: string, cwd: string): Promise<unknown> {
  const shown = relative(cwd, file) || file;
  try {
    return await importConfig(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' || /Cannot find module/.test(errorMessage(error));
    if (missing && !(await exists(file))) {
      throw new ConfigError(ErrorCodes.CONFIG_NOT_FOUND, shown, '', `config file ${shown} does not exist`, 'Check the --config path');
    }
    throw new ConfigError(ErrorCodes.CONFIG_LOAD_FAILED, shown, '', `could not load config ${shown}: ${errorMessage(error)}`, 'Fix the syntax error in that file', { cause: error });
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readPackageJson(cwd: string): Promise<Record<string, unknown> | undefined> {
  try {
    return await readJsonIfExists(join(cwd, 'package.json'));
  } catch (error) {
    throw new ConfigError(ErrorCodes.CONFIG_LOAD_FAILED, 'package.json', '', `could not parse package.json: ${errorMessage(error)}`, 'Fix the JSON syntax');
  }
}

/** zod costs tens of milliseconds to import: it is loaded only when there is a config to check. */
async function validate(raw: unknown, source: string | null): Promise<ResolvedConfig> {
  const shown = source ?? '<defaults>';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(ErrorCodes.CONFIG_INVALID, shown, '', `${shown}: the config must be an object, received ${raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw}`, 'Export or write an object such as { "plugins": [] }');
  }
  const [{ CONFIG_KEYS, userConfigSchema }, { formatIssue }] = await Promise.all([import('./schema.js'), import('./format-issue.js')]);
  const parsed = userConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => formatIssue(issue, raw));
    const first = issues[0]!;
    const all = issues.map((i) => i.message).join('; ');
    throw new ConfigError(ErrorCodes.CONFIG_INVALID, shown, first.path, `${shown}: ${all}`, `Allowed keys: ${CONFIG_KEYS.join(', ')}. See docs/configuration.md`);
  }
  return resolved(parsed.data, source);
}

function resolved(c: UserConfig, source: string | null): ResolvedConfig {
  return {
    plugins: (c.plugins ?? []).map((p) => (typeof p === 'string' ? { spec: p, options: {} } : { spec: p[0], options: p[1] })),
    strict: c.strict ?? false,
    hookTimeoutMs: c.hookTimeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS,
    storeDir: c.storeDir ?? DEFAULT_STORE_DIR,
    discoverInstalled: c.discoverInstalled ?? true,
    disable: c.disable ?? [],
    agents: { ...DEFAULT_AGENT_SETTINGS, ...c.agents },
    cache: { enabled: true, env: [...DEFAULT_ENV_ALLOWLIST], timeoutMs: DEFAULT_CACHE_TIMEOUT_MS, ...c.cache },
    source,
  };
}

export function resolveStoreDir(cwd: string, storeDir: string): string {
  return isAbsolute(storeDir) ? storeDir : join(cwd, storeDir);
}
