import { frameworkEnv, type HeadStart, HeadStarts, threadHeadStart } from '@aqe/kernel/runner-kit';
import type { ConfigResult } from './resolved-config.js';

// Kernel-free but for the runner kit (no store): the CLI loads this (through prepare.ts) before the kernel.
const ENTRY = new URL('./resolve-config-child.js', import.meta.url);
/** A config that needs longer than this to load is treated as hanging (a plugin starting a server, say). */
const TIMEOUT_MS = 60_000;

/** Config threads started ahead of discover (see prepareVitestConfig), by project root. */
export const headStarts = new HeadStarts<ConfigResult>('vitest-config');

/** Starts resolving the config now, so it runs while the kernel walks the tree. */
export function prepareVitestConfig(root: string): void {
  headStarts.start(root, () => runChild(root));
}

/**
 * Resolves the config on a worker thread: importing vitest/node costs a few hundred
 * milliseconds and leaves Vite state behind, which the thread's own module registry keeps
 * out of aqe's, and a thread starts ~50 ms sooner than a Node process.
 */
export function runChild(root: string, signal?: AbortSignal): HeadStart<ConfigResult> {
  return threadHeadStart<ConfigResult>(ENTRY, {
    root,
    timeoutMs: TIMEOUT_MS,
    // What `npm test` would give a config (PATH with the package's bins, no parent Vitest's worker variables).
    env: frameworkEnv(root, { extra: { NO_COLOR: '1', FORCE_COLOR: '0' } }),
    ...(signal ? { signal } : {}),
  });
}
