import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The preset's runners whose config process can start before the kernel loads: their
 * `prepare` entries need no kernel (no lmdb), so the process (~0.25 s) starts ~0.15 s
 * earlier than the kernel's own call before its walk, which then finds it running.
 */
const PREPARERS: { runner: string; load: () => Promise<(root: string) => void> }[] = [
  { runner: 'jest', load: async () => (await import('@aqe/runner-jest/prepare')).prepareJest },
  { runner: 'vitest', load: async () => (await import('@aqe/runner-vitest/prepare')).prepareVitest },
];

/** `.aqe/store` is the default store dir: without it, discovery is cold for certain. */
const DEFAULT_STORE = join('.aqe', 'store');

/**
 * For `aqe discover` when discovery will resolve configs (`--no-cache`, or no store yet):
 * a warm run answers from the store and must not pay for a process it does not need.
 */
export async function headStartDiscovery(cwd: string, options: { cache: boolean; runners?: readonly string[] }): Promise<void> {
  if (options.cache && existsSync(join(cwd, DEFAULT_STORE))) return;
  const wanted = PREPARERS.filter((p) => !options.runners || options.runners.includes(p.runner));
  const prepares = await Promise.all(wanted.map((p) => p.load().catch(() => undefined)));
  for (const prepare of prepares) prepare?.(cwd);
}
