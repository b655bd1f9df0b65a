import { type HeadStart, HeadStarts, threadHeadStart } from '@aqe/kernel/runner-kit';
import type { ConfigChildMessage } from './protocol.js';

// Kernel-free but for the runner kit: the CLI loads this (through prepare.ts) before the kernel.
const ENTRY = new URL('./config-child.js', import.meta.url);
/** A config that never settles (a hung await) must not hang discovery. */
const TIMEOUT_MS = 60_000;

/** Config threads started ahead of discover (see prepareJestConfig), by project root. */
export const headStarts = new HeadStarts<ConfigChildMessage>('jest-config');

/** Starts resolving the config now, so it runs while the kernel walks the tree. */
export function prepareJestConfig(root: string): void {
  headStarts.start(root, () => runChild(root));
}

/**
 * Resolves the config on a worker thread (its own module registry keeps Jest and the
 * config apart from aqe's modules), which starts ~45 ms sooner than a Node process would
 * on the cold discovery path.
 */
export function runChild(root: string, signal?: AbortSignal, options: { requireModule?: boolean } = {}): HeadStart<ConfigChildMessage> {
  return threadHeadStart<ConfigChildMessage>(ENTRY, {
    root,
    timeoutMs: TIMEOUT_MS,
    // Without require(esm), Jest imports ES module configs, which the loader hooks can see
    // (they do not see require(esm)). A config that loads only through require(esm) (ES
    // module syntax in a .js file Node takes for CommonJS) is read again with it.
    execArgv: options.requireModule ? [] : ['--no-experimental-require-module'],
    env: { ...process.env, FORCE_COLOR: '0' },
    ...(signal ? { signal } : {}),
  });
}
