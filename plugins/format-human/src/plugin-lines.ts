import type { PluginProblem, PluginReport, PluginStatus } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { alignColumns } from './table.js';
import { indent, plural } from './text.js';

/** The plugins table with each invalid or failed plugin's problems under its row. */
export function pluginTable(plugins: readonly PluginReport[], c: Palette): string[] {
  const header = ['name', 'version', 'source', 'status', 'capabilities'].map((h) => c.dim(h));
  const rows = plugins.map((p) => [c.bold(p.name), p.version, p.source, status(p.status, c), capabilities(p)]);
  const [head, ...lines] = alignColumns([header, ...rows]);
  const out = [head!];
  plugins.forEach((p, i) => {
    out.push(lines[i]!);
    for (const problem of p.problems) out.push(...problemLines(problem, c).map((l) => `    ${l}`));
  });
  return out;
}

/** `3 plugins: 2 active, 1 invalid` (zero counts left out). */
export function pluginSummary(plugins: readonly PluginReport[], c: Palette): string {
  const order: PluginStatus[] = ['active', 'invalid', 'failed'];
  const parts = order.map((s) => [s, plugins.filter((p) => p.status === s).length] as const).filter(([, n]) => n > 0);
  const counts = parts.map(([s, n]) => status(s, c, `${n} ${s}`)).join(', ');
  return `${plural(plugins.length, 'plugin')}${counts ? `: ${counts}` : ''}`;
}

function problemLines(problem: PluginProblem, c: Palette): string[] {
  const field = problem.field ? ` ${c.dim(`[${problem.field}]`)}` : '';
  const [first = '', ...rest] = problem.message.split(/\r?\n/);
  return [`${c.red('✗')} ${c.red(problem.code)}${field} ${first}`, ...rest.flatMap((l) => indent(l, 2)), ...(problem.fix ? [`  ${c.cyan('fix:')} ${problem.fix}`] : [])];
}

function capabilities(p: PluginReport): string {
  return p.capabilities.length > 0 ? p.capabilities.map((cap) => `${cap.kind}:${cap.id}`).join(', ') : '-';
}

function status(s: PluginStatus, c: Palette, text: string = s): string {
  return s === 'active' ? c.green(text) : s === 'invalid' ? c.yellow(text) : c.red(text);
}
