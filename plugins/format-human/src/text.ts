import { stripVTControlCharacters } from 'node:util';

/** `1 file`, `2 files`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Indents every line of a possibly multi-line text; blank lines stay empty. */
export function indent(text: string, spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return text.split(/\r?\n/).map((line) => (line.trim() === '' ? '' : `${pad}${line}`));
}

/** Width on screen, ignoring colour escapes. */
export function visibleWidth(text: string): number {
  return stripVTControlCharacters(text).length;
}

export function padEndVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/** `850 ms`, `1.23 s`: a duration reported by the runner, never measured here. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
