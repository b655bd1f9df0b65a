import type { Enforce } from '../types/plugin.js';

/** pre → given order → post; stable within each group (as rollup and vite sort plugins). */
export function orderPlugins<T extends { definition?: { enforce?: Enforce } }>(plugins: readonly T[]): T[] {
  const group = (p: T) => (p.definition?.enforce === 'pre' ? 0 : p.definition?.enforce === 'post' ? 2 : 1);
  return plugins
    .map((p, i) => ({ p, i }))
    .sort((a, b) => group(a.p) - group(b.p) || a.i - b.i)
    .map(({ p }) => p);
}
