import { padEndVisible, visibleWidth } from './text.js';

/**
 * Aligns cells into columns separated by `gap` spaces. Widths are measured without
 * colour escapes so coloured cells line up; the last column is not padded, so no
 * line ends in spaces.
 */
export function alignColumns(rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell));
    });
  }
  const spacer = ' '.repeat(gap);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : padEndVisible(cell, widths[i]!))).join(spacer));
}
