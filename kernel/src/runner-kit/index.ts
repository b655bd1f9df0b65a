// `@aqe/kernel/runner-kit`: the plumbing every runner plugin shares, so that a runner holds
// framework knowledge only. Launch the framework (process group, event pipe, abort,
// cleanup), give it the environment `npm test` would, collect its events into per-file
// results, check its version, and start config work early. See docs/api/runner-kit.md.
export { describeCrash, type FrameworkExit, type FrameworkProcess, type FrameworkProcessOptions, jsonLines, launchFramework, runFrameworkProcess } from './framework-process.js';
export { isExecutable } from './executable.js';
export { frameworkEnv } from './framework-env.js';
export { type FrameworkSupport, unsupportedVersion } from './framework-version.js';
export { RunCollector } from './run-collector.js';
export { drainMessages } from './thread-messages.js';
export { type ScriptInvocation, type ScriptReading, scriptCommands, scriptInvocations } from './script-commands.js';
export type { ShellWord } from './shell-words.js';
export { fileStatus, summarise } from '../run/summary.js';
export { realPathOrSelf, relativeInside, resultFileOf, stackFramePath } from '../util/source-paths.js';
export { installedVersion } from '../util/installed-version.js';
export { type HeadStart, HeadStarts } from '../util/head-start.js';
export { settleThreads, type ThreadEntry, type ThreadHeadStartOptions, threadEntry, threadHeadStart } from '../util/thread-head-start.js';
