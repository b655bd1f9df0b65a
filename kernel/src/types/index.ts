export type * from './capabilities.js';
export type * from './config.js';
export type * from './hooks.js';
export type * from './kernel.js';
export type * from './plugin.js';
export type * from './results.js';
export type * from './store.js';
