export type * from './types/index.js';
export { AqeError, ConfigError, ErrorCodes, PluginError, StoreError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { KERNEL_VERSION, PLUGIN_API_VERSION } from './version.js';
export { openStore } from './store/index.js';
export type { OpenStoreOptions } from './store/index.js';
