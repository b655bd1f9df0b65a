// `@aqe/kernel/head-start`: what a runner's `prepare` entry needs, without the store (lmdb)
// and the rest of the kernel, so the CLI can start a framework's config process first thing.
export { installedVersion } from './util/installed-version.js';
export { type HeadStart, HeadStarts, processHeadStart } from './util/head-start.js';
export { leaveOnRequest, settleThreads, type ThreadHeadStartOptions, threadHeadStart } from './util/thread-head-start.js';
