// `@aqe/kernel/head-start`: what a runner's `prepare` entry needs, without the store (lmdb)
// and the rest of the kernel, so the CLI can start a framework's config process first thing.
export { installedVersion } from './util/installed-version.js';
export { type HeadStart, HeadStarts } from './util/head-start.js';
export { settleThreads, type ThreadEntry, type ThreadHeadStartOptions, threadEntry, threadHeadStart } from './util/thread-head-start.js';
