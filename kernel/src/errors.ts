/**
 * The kernel's one error catalog. Codes are stable (tests and users match on them);
 * messages say what happened, to what, and what to do.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'AQE_CONFIG_INVALID',
  CONFIG_LOAD_FAILED: 'AQE_CONFIG_LOAD_FAILED',
  CONFIG_NOT_FOUND: 'AQE_CONFIG_NOT_FOUND',
  PLUGIN_NOT_FOUND: 'AQE_PLUGIN_NOT_FOUND',
  PLUGIN_LOAD_FAILED: 'AQE_PLUGIN_LOAD_FAILED',
  PLUGIN_INVALID: 'AQE_PLUGIN_INVALID',
  PLUGIN_OPTIONS_INVALID: 'AQE_PLUGIN_OPTIONS_INVALID',
  PLUGIN_MANIFEST_INVALID: 'AQE_PLUGIN_MANIFEST_INVALID',
  PLUGIN_API_MISMATCH: 'AQE_PLUGIN_API_MISMATCH',
  PLUGIN_DUPLICATE_NAME: 'AQE_PLUGIN_DUPLICATE_NAME',
  PLUGIN_DUPLICATE_CAPABILITY: 'AQE_PLUGIN_DUPLICATE_CAPABILITY',
  PLUGIN_CAPABILITY_INVALID: 'AQE_PLUGIN_CAPABILITY_INVALID',
  PLUGIN_UNKNOWN_HOOK: 'AQE_PLUGIN_UNKNOWN_HOOK',
  PLUGIN_SETUP_FAILED: 'AQE_PLUGIN_SETUP_FAILED',
  PLUGIN_SETUP_TIMEOUT: 'AQE_PLUGIN_SETUP_TIMEOUT',
  PLUGIN_HOOK_FAILED: 'AQE_PLUGIN_HOOK_FAILED',
  PLUGIN_HOOK_TIMEOUT: 'AQE_PLUGIN_HOOK_TIMEOUT',
  PLUGIN_DISPOSE_FAILED: 'AQE_PLUGIN_DISPOSE_FAILED',
  STORE_OPEN_FAILED: 'AQE_STORE_OPEN_FAILED',
  STORE_CORRUPT: 'AQE_STORE_CORRUPT',
  STORE_CLOSED: 'AQE_STORE_CLOSED',
  STORE_READ_ONLY: 'AQE_STORE_READ_ONLY',
  KERNEL_DISPOSED: 'AQE_KERNEL_DISPOSED',
  RUNNER_UNKNOWN: 'AQE_RUNNER_UNKNOWN',
  RUNNER_CONFIG_FAILED: 'AQE_RUNNER_CONFIG_FAILED',
  RUNNER_VERSION_UNSUPPORTED: 'AQE_RUNNER_VERSION_UNSUPPORTED',
  NO_TESTS_FOUND: 'AQE_NO_TESTS_FOUND',
  PATH_NOT_FOUND: 'AQE_PATH_NOT_FOUND',
  DISCOVER_FAILED: 'AQE_DISCOVER_FAILED',
  AGENT_POOL_MISSING: 'AQE_AGENT_POOL_MISSING',
  AGENT_UNKNOWN: 'AQE_AGENT_UNKNOWN',
  AGENT_FAILED: 'AQE_AGENT_FAILED',
  AGENT_TIMEOUT: 'AQE_AGENT_TIMEOUT',
  AGENT_ABORTED: 'AQE_AGENT_ABORTED',
  AGENT_WORKER_CRASHED: 'AQE_AGENT_WORKER_CRASHED',
  CACHE_CORRUPT: 'AQE_CACHE_CORRUPT',
  CACHE_SIGNATURE_INVALID: 'AQE_CACHE_SIGNATURE_INVALID',
  CACHE_TIER_UNAVAILABLE: 'AQE_CACHE_TIER_UNAVAILABLE',
  CACHE_CONFIG_INVALID: 'AQE_CACHE_CONFIG_INVALID',
  QUARANTINE_INVALID: 'AQE_QUARANTINE_INVALID',
  RUN_OPTIONS_INVALID: 'AQE_RUN_OPTIONS_INVALID',
  MCP_INPUT_INVALID: 'AQE_MCP_INPUT_INVALID',
  MCP_TOOL_UNKNOWN: 'AQE_MCP_TOOL_UNKNOWN',
} as const;

/** A code of the kernel's catalog, or a plugin's own (`AQE_<NAMESPACE>_<NAME>`, made with `defineErrorCodes`). */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes] | PluginErrorCode;

/** A plugin's error code: its namespace keeps it apart from the kernel's and other plugins'. */
export type PluginErrorCode = `AQE_${Uppercase<string>}_${string}`;

/**
 * A plugin's own error catalog, namespaced: `defineErrorCodes('coverage', ['REPORT_MISSING'])`
 * is `{ REPORT_MISSING: 'AQE_COVERAGE_REPORT_MISSING' }`. Throw them as `AqeError`s like the
 * kernel's; users and tests match on the code.
 */
export function defineErrorCodes<const N extends string>(namespace: string, names: readonly N[]): { readonly [K in N]: PluginErrorCode } {
  if (!/^[a-z][a-z0-9-]*$/.test(namespace)) throw new TypeError(`error code namespace "${namespace}" must be lower-case letters, digits and dashes, starting with a letter`);
  const prefix = `AQE_${namespace.replaceAll('-', '_').toUpperCase()}_`;
  const codes = {} as Record<N, PluginErrorCode>;
  for (const name of names) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new TypeError(`error code name "${name}" must be upper-case letters, digits and underscores`);
    codes[name] = `${prefix}${name}` as PluginErrorCode;
  }
  return Object.freeze(codes);
}

export class AqeError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  constructor(code: ErrorCode, message: string, fix: string, options?: { cause?: unknown }) {
    super(fix ? `${message}. ${fix}` : message, options);
    this.name = 'AqeError';
    this.code = code;
    this.fix = fix;
  }
}

export class ConfigError extends AqeError {
  /** Config file (relative) or "<inline>". */
  readonly file: string;
  /** Offending key path, e.g. "plugins[1]"; empty when the whole file is at fault. */
  readonly keyPath: string;
  constructor(code: ErrorCode, file: string, keyPath: string, message: string, fix: string, options?: { cause?: unknown }) {
    super(code, message, fix, options);
    this.name = 'ConfigError';
    this.file = file;
    this.keyPath = keyPath;
  }
}

export class PluginError extends AqeError {
  readonly plugin: string;
  readonly field: string;
  constructor(code: ErrorCode, plugin: string, field: string, message: string, fix: string, options?: { cause?: unknown }) {
    super(code, `plugin "${plugin}": ${message}`, fix, options);
    this.name = 'PluginError';
    this.plugin = plugin;
    this.field = field;
  }
}

export class StoreError extends AqeError {
  constructor(code: ErrorCode, message: string, fix: string, options?: { cause?: unknown }) {
    super(code, message, fix, options);
    this.name = 'StoreError';
  }
}

export class AgentError extends AqeError {
  readonly agent: string;
  constructor(code: ErrorCode, agent: string, message: string, fix: string, options?: { cause?: unknown }) {
    super(code, `agent "${agent}": ${message}`, fix, options);
    this.name = 'AgentError';
    this.agent = agent;
  }
}

export class CacheError extends AqeError {
  /** The cache backend (tier) id, or "cache" for the cache as a whole. */
  readonly tier: string;
  constructor(code: ErrorCode, tier: string, message: string, fix: string, options?: { cause?: unknown }) {
    super(code, `cache tier "${tier}": ${message}`, fix, options);
    this.name = 'CacheError';
    this.tier = tier;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
