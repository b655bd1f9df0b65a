// `@aqe/kernel`: the plugin API — create a kernel, define a plugin, the errors and types a
// plugin uses. Helpers live in named entries: `@aqe/kernel/runner-kit` (runners),
// `@aqe/kernel/store`, `@aqe/kernel/cache`, `@aqe/kernel/run`, `@aqe/kernel/head-start`,
// `@aqe/kernel/event-channel`; each is documented in docs/api/.
export type * from './types/index.js';
export { AgentError, AqeError, CacheError, ConfigError, defineErrorCodes, ErrorCodes, PluginError, StoreError } from './errors.js';
export type { ErrorCode, PluginErrorCode } from './errors.js';
export { KERNEL_VERSION, PLUGIN_API_VERSION } from './version.js';
export { createKernel } from './kernel.js';
export { definePlugin } from './plugin-host/define-plugin.js';
export { parsePluginOptions, type PluginOptionsSettings } from './plugin-host/plugin-options.js';
export { HOOK_NAMES } from './plugin-host/hook-names.js';
export { loadConfig } from './config/load-config.js';
export { stableJson } from './util/stable-json.js';
