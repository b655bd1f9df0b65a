import type { DoctorReport } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { pluginSummary, pluginTable } from './plugin-lines.js';
import { alignColumns } from './table.js';
import { plural } from './text.js';

/** `aqe doctor`: node, store, plugins and frameworks sections, then one verdict line. */
export function renderDoctor(report: DoctorReport, c: Palette): string[] {
  const mark = (ok: boolean) => (ok ? c.green('✓') : c.red('✗'));
  const { node, store, plugins, frameworks } = report;

  const nodeLines = [`  ${mark(node.ok)} ${node.version} ${c.dim(`(aqe requires node ${node.required})`)}`];
  if (!node.ok) nodeLines.push(`    ${c.cyan('fix:')} install a Node.js version that satisfies ${node.required}`);

  const storeLines = [`  ${mark(store.ok)} ${store.path}${store.ok ? '' : ` ${c.red('could not be opened')}`}`];
  if (store.recovered) storeLines.push(`    ${c.yellow('recovered:')} ${store.recovered}`);
  if (store.drops > 0) storeLines.push(`    ${c.yellow(`${plural(store.drops, 'bad record')} dropped (rebuilt from source)`)}`);

  const pluginLines = plugins.length === 0 ? ['  none loaded'] : [...pluginTable(plugins, c), pluginSummary(plugins, c)].map((l) => `  ${l}`);

  // The project column only where a workspace has packages of its own.
  const withProject = frameworks.some((f) => f.project !== undefined);
  const frameworkRow = (f: (typeof frameworks)[number]) => [
    f.problem ? `${c.red('✗')} ${c.bold(f.runner)}` : c.bold(f.runner),
    f.version ?? '-',
    ...(withProject ? [f.project ?? '.'] : []),
    f.configFiles.length > 0 ? f.configFiles.join(', ') : '-',
  ];
  const frameworkLines =
    frameworks.length === 0
      ? ['  none detected']
      : [
          ...alignColumns([[c.dim('runner'), c.dim('version'), ...(withProject ? [c.dim('project')] : []), c.dim('config')], ...frameworks.map(frameworkRow)]).map((l) => `  ${l}`),
          ...frameworks.flatMap((f) => (f.problem ? [`    ${c.red(f.problem.code)} ${f.problem.message}`] : [])),
        ];

  return [c.bold('Node'), ...nodeLines, '', c.bold('Store'), ...storeLines, '', c.bold('Plugins'), ...pluginLines, '', c.bold('Frameworks'), ...frameworkLines, '', verdict(report, c)];
}

function verdict(report: DoctorReport, c: Palette): string {
  const broken = report.plugins.filter((p) => p.status !== 'active').length;
  const found = [...(report.node.ok ? [] : ['node']), ...(report.store.ok ? [] : ['store']), ...(broken > 0 ? [plural(broken, 'plugin')] : []), ...(report.frameworks.some((f) => f.problem) ? ['framework version'] : [])];
  if (found.length > 0) return c.red(`✗ problems: ${found.join(', ')}`);
  if (!report.ok) return c.red('✗ problems found (see above)');
  return c.green('✓ ok: no problems found');
}
