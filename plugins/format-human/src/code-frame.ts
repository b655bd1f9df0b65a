import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Palette } from './palette.js';

/** Sources larger than this are not read for a frame (a bundle, a generated file). */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Reads test sources once per render; a file that cannot be read is remembered as missing. */
export class SourceCache {
  readonly #cwd: string;
  readonly #lines = new Map<string, string[] | null>();

  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  /** The file's lines, or undefined when it is missing, unreadable or too large. */
  lines(file: string): string[] | undefined {
    const path = resolve(this.#cwd, file);
    if (!this.#lines.has(path)) this.#lines.set(path, read(path));
    return this.#lines.get(path) ?? undefined;
  }
}

function read(path: string): string[] | null {
  try {
    if (statSync(path).size > MAX_SOURCE_BYTES) return null;
    return readFileSync(path, 'utf8').split(/\r?\n/);
  } catch {
    return null;
  }
}

/**
 * Up to `context` lines either side of a 1-based `line`, the failing one marked with `>`
 * and a caret under the 1-based `column`, e.g.
 *
 *      8 |   const sum = add(1, 2);
 *   >  9 |   expect(sum).toBe(4);
 *        |               ^
 *
 * The caret's padding copies the tabs of the source line so it lines up in any
 * terminal. Undefined when the line is not in the file (a stale location).
 */
export function codeFrame(lines: readonly string[], line: number, column: number, c: Palette, context = 2): string[] | undefined {
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return undefined;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1]!;
    const gutter = `${String(n).padStart(width)} |`;
    out.push(n === line ? `${c.red('>')} ${gutter}${text ? ` ${text}` : ''}`.trimEnd() : `  ${c.dim(gutter)}${text ? ` ${text}` : ''}`.trimEnd());
    if (n === line && column >= 1) {
      const pad = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${c.dim(`${' '.repeat(width)} |`)} ${pad}${c.red('^')}`);
    }
  }
  return out;
}
