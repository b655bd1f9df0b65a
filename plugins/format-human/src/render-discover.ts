import type { DiscoverReport } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { alignColumns } from './table.js';
import { plural } from './text.js';

/**
 * `aqe discover`: per runner a line with its file count and config files (aligned
 * across runners), then its files, then the total.
 */
export function renderDiscover(report: DiscoverReport, c: Palette): string[] {
  if (report.runners.length === 0) return ['No test runners detected.'];
  const heads = alignColumns(
    report.runners.map((r) => {
      const config = r.configFiles.length > 0 ? r.configFiles.join(', ') : c.dim('no config file');
      return [c.bold(r.runner), plural(r.files.length, 'file'), `${config}${r.cached ? c.dim(' (cached)') : ''}`];
    }),
  );
  const blocks = report.runners.map((r, i) => [heads[i]!, ...(r.error ? [`  ${c.red(`✗ ${r.error.code}`)} ${r.error.message}`] : []), ...r.files.map((f) => `  ${f}`)]);
  const body = blocks.flatMap((b, i) => (i === 0 ? b : ['', ...b]));
  return [...body, '', `${plural(report.total, 'test file')} ${c.dim(`(${plural(report.runners.length, 'runner')})`)}`];
}
