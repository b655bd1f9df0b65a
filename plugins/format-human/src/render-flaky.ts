import type { FlakyConfirmation, FlakyReport, FlakySuspect } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { alignColumns } from './table.js';
import { plural } from './text.js';

const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;

/**
 * `aqe flaky`: the suspects grouped by file with their evidence, then what --confirm
 * measured (flake rate and its 95% interval) and what --quarantine wrote.
 */
export function renderFlaky(report: FlakyReport, c: Palette): string[] {
  if (report.examined === 0) return ['No run history yet: run `aqe run` a few times, then `aqe flaky`.'];
  if (report.suspects.length === 0) {
    return [`${c.green('✓')} No flaky tests: none of the ${plural(report.examined, 'test')} with history changed outcome while its file stayed the same.`];
  }
  const lines = [`${c.bold('Flaky suspects')}: ${report.suspects.length} of ${plural(report.examined, 'test')} with history changed outcome while their file did not`, ''];
  lines.push(...byFile(report.suspects, (tests) => alignColumns(tests.map((s) => suspectRow(s, c))).map((l) => `    ${l}`)));
  if (report.confirm) lines.push(...confirmLines(report.confirm, report.suspects, c));
  if (report.quarantine) lines.push(quarantineLine(report.quarantine, c));
  if (!report.confirm) lines.push(c.dim('Re-run them to measure a flake rate: aqe flaky --confirm'));
  return lines;
}

function suspectRow(s: FlakySuspect, c: Palette): string[] {
  const history = s.lastStatuses.map((st) => (st === 'passed' ? c.green('✓') : st === 'failed' ? c.red('✗') : c.dim('-'))).join('');
  return [`${c.yellow('?')} ${s.titlePath.join(c.dim(' > '))}`, `${plural(s.flips, 'flip')} in ${plural(s.runs, 'run')}, failed ${percent(s.failureRate)}`, history];
}

function confirmLines(confirm: NonNullable<FlakyReport['confirm']>, suspects: readonly FlakySuspect[], c: Palette): string[] {
  const lines = [`${c.bold('Confirmed')} by re-running each suspect's file ${plural(confirm.runs, 'time')}:`, ''];
  lines.push(...byFile(confirm.results, (tests) => alignColumns(tests.map((t) => confirmRow(t, c))).map((l) => `    ${l}`)));
  if (confirm.notRun.length > 0) lines.push(`  ${c.dim('Not reported by any re-run (renamed or removed?):')}`, ...confirm.notRun.map((id) => `    ${id}`), '');
  const flaky = confirm.results.filter((r) => r.classification === 'confirmed-flaky').length;
  const stable = confirm.results.length - flaky;
  lines.push(`${flaky > 0 ? c.red(c.bold(`${flaky} confirmed flaky`)) : c.green('0 confirmed flaky')}${stable > 0 ? `, ${stable} stable in these re-runs` : ''} ${c.dim(`(${plural(suspects.length, 'suspect')})`)}`, '');
  return lines;
}

function confirmRow(t: FlakyConfirmation, c: Palette): string[] {
  const mark = t.classification === 'confirmed-flaky' ? c.red('✗') : t.classification === 'stable-fail' ? c.yellow('✗') : c.green('✓');
  const label = t.classification === 'confirmed-flaky' ? c.red(t.classification) : t.classification;
  return [`${mark} ${t.titlePath.join(c.dim(' > '))}`, label, `failed ${t.failed} of ${t.runs}`, `flake rate ${percent(t.flakeRate)} ${c.dim(`(95% CI ${percent(t.interval.low)}–${percent(t.interval.high)})`)}`];
}

function quarantineLine(q: NonNullable<FlakyReport['quarantine']>, c: Palette): string {
  if (q.added.length === 0) return `Nothing new to quarantine ${c.dim(`(${q.file}: ${plural(q.total, 'test')})`)}`;
  return `${c.yellow('Quarantined')} ${plural(q.added.length, 'test')} in ${q.file} ${c.dim(`(${q.total} in total)`)}: aqe run reports their failures without failing.`;
}

/** `  <file>` then its tests' lines, then a blank line, per file in first-seen order. */
function byFile<T extends { file: string }>(items: readonly T[], render: (tests: T[]) => string[]): string[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.file, [...(groups.get(item.file) ?? []), item]);
  return [...groups].flatMap(([file, tests]) => [`  ${file}`, ...render(tests), '']);
}
