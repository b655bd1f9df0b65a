// `@aqe/kernel/head-start`: what a runner's `prepare` entry needs, without the store (lmdb)
// and the rest of the kernel, so the CLI can start a framework's config process first thing.
export { installedVersion } from './util/installed-version.js';
export { HeadStarts, type StartedProcess } from './util/head-start.js';
