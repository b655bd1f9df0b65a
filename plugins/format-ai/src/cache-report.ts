import type { CacheCommandReport } from '@aqe/kernel';
import type { Body } from './envelope.js';

/** `aqe cache …` for assistants: the report as data, with a one-line summary and tier failures as warnings. */
export function cacheReport(r: CacheCommandReport): Body {
  const failing = 'tiers' in r ? r.tiers.filter((t) => t.error) : [];
  const warnings = failing.map((t) => ({ code: 'AQE_CACHE_TIER_UNAVAILABLE', message: `cache tier "${t.id}": ${t.error}` }));
  return { status: warnings.length > 0 ? 'warning' : 'success', summary: { message: summaryOf(r), command: r.command }, data: { ...r }, actionSuggestions: [], warnings, errors: [] };
}

function summaryOf(r: CacheCommandReport): string {
  switch (r.command) {
    case 'stats':
      return `${r.tiers.length} cache tiers: ${r.tiers.map((t) => `${t.id} ${t.stats?.entries ?? '?'} entries`).join(', ') || 'none'}.`;
    case 'prune':
    case 'clear':
      return `${r.tiers.reduce((n, t) => n + (t.removed ?? 0), 0)} entries removed.`;
    case 'explain':
      return `${r.file} (${r.runner}) has cache key ${r.key} over ${r.inputs.length} inputs.`;
    case 'warm':
      return `${r.files} files: ${r.ran} ran, ${r.cached} already cached, ${r.failed} failed.`;
  }
}
