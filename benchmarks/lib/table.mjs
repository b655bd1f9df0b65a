// A plain-text table for the terminal: aligned columns, no colour, so it reads the
// same in a CI log as in a TTY.
import { formatValue } from './format.mjs';
import { targets } from './targets.mjs';

function targetCell(id, m) {
  const target = targets[id];
  if (!target) return '';
  return `${m.value <= target.max ? 'ok' : 'OVER'}  ${target.text}`;
}

export function renderTable(metrics) {
  const header = ['metric', 'median', 'p99', 'samples', 'target'];
  // Numeric-aware order, so plugins-20 sits between plugins-1 and plugins-100.
  const rows = Object.keys(metrics)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((id) => {
      const m = metrics[id];
      const p99 = m.p99 === undefined ? '' : formatValue(m.p99, m.unit);
      return [id, formatValue(m.value, m.unit), p99, String(m.samples), targetCell(id, m)];
    });
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => row[col].length)));
  const line = (row) =>
    row
      .map((cell, col) => (col === 0 || col === 4 ? cell.padEnd(widths[col]) : cell.padStart(widths[col])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
