import type { CacheCommandReport } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { alignColumns } from './table.js';

/** `aqe cache …` output: one aligned table per command, no timestamps, stable order. */
export function renderCache(r: CacheCommandReport, c: Palette): string[] {
  switch (r.command) {
    case 'stats':
      return [
        ...alignColumns([
          ['tier', 'order', 'entries', 'hits', 'misses', 'writes', 'errors'].map((h) => c.dim(h)),
          ...r.tiers.map((t) =>
            t.stats ? [c.bold(t.id), String(t.order), String(t.stats.entries ?? '-'), String(t.stats.hits), String(t.stats.misses), String(t.stats.writes), String(t.stats.errors)] : [c.bold(t.id), String(t.order), '-', '-', '-', '-', '-'],
          ),
        ]),
        ...r.tiers.filter((t) => t.error).map((t) => c.red(`${t.id} unavailable: ${t.error}`)),
        r.tiers.length === 0 ? c.dim('No cache tier is registered.') : '',
        `${c.dim('reads')} ${r.namespaces.read.join(' → ')}  ${c.dim('writes')} ${r.namespaces.write ?? c.dim('nothing (AQE_CACHE_WRITE=none)')}`,
      ].filter((l) => l !== '');
    case 'prune':
    case 'clear':
      return r.tiers.length === 0
        ? [c.dim('No cache tier is registered.')]
        : alignColumns(r.tiers.map((t) => [c.bold(t.id), t.error ? c.red(`failed: ${t.error}`) : t.removed === null ? c.dim(r.command === 'prune' ? 'expires entries itself' : 'cannot be cleared') : `${t.removed} removed`]));
    case 'explain':
      return [`${c.bold(r.file)} ${c.dim(`(${r.runner})`)}`, `${c.dim('key')} ${r.key}`, ...alignColumns(r.inputs.map((i) => [c.dim(i.kind), i.name, c.dim(i.hash.slice(0, 12))]))];
    case 'warm': {
      const cache = r.cache
        ? `${r.cache.writes} entries written${r.cache.rejected ? `, ${r.cache.rejected} rejected` : ''}${r.cache.disabledTiers.length ? `, tiers off: ${r.cache.disabledTiers.map((t) => t.id).join(', ')}` : ''}`
        : 'no cache tier is registered';
      return [`${r.files} files: ${r.ran} ran, ${r.cached} already cached${r.failed ? `, ${c.red(`${r.failed} failed (not cached)`)}` : ''}`, cache];
    }
  }
}
