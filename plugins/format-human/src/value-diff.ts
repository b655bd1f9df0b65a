import { createRequire } from 'node:module';
import type { Palette } from './palette.js';

type Jsdiff = typeof import('diff');

/** Lines of context kept around each change; longer unchanged stretches collapse to `...`. */
const CONTEXT = 3;
/** Past this many edits jsdiff gives up (deterministically) and both values are shown whole. */
const MAX_EDIT_LENGTH = 5000;

let jsdiff: Jsdiff | undefined;

/**
 * jsdiff is loaded on the first diff, synchronously (render() is synchronous): every
 * command loads this formatter, only a run with a failed assertion needs a diff.
 */
function loadJsdiff(): Jsdiff {
  jsdiff ??= createRequire(import.meta.url)('diff') as Jsdiff;
  return jsdiff;
}

/**
 * Expected vs actual as Jest and Vitest print it: a `- Expected` / `+ Received` legend,
 * then a line diff, `-` for expected-only lines and `+` for received-only ones.
 */
export function valueDiff(expected: string, actual: string, c: Palette): string[] {
  const legend = [c.green('- Expected'), c.red('+ Received'), ''];
  if (expected === actual) return [c.dim('Compared values have no visual difference.')];
  const patch = loadJsdiff().structuredPatch('expected', 'received', withEol(expected), withEol(actual), undefined, undefined, {
    context: CONTEXT,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!patch) return [...legend, ...prefixed(expected, '-', c), ...prefixed(actual, '+', c)];
  const body = patch.hunks.flatMap((hunk, i) => [...(i > 0 || hunk.oldStart > 1 ? [c.dim('  ...')] : []), ...hunk.lines.filter((l) => !l.startsWith('\\')).map((l) => diffLine(l, c))]);
  const last = patch.hunks.at(-1);
  if (last && last.oldStart + last.oldLines - 1 < lineCount(expected)) body.push(c.dim('  ...'));
  return [...legend, ...body];
}

/** A diff the framework produced (`error.diff`), its `-`/`+` lines coloured like ours. */
export function frameworkDiff(diff: string, c: Palette): string[] {
  return diff.split(/\r?\n/).map((line) => (line.startsWith('-') ? c.green(line) : line.startsWith('+') ? c.red(line) : line));
}

function diffLine(line: string, c: Palette): string {
  const mark = line[0];
  const text = line.slice(1);
  if (mark === '-') return c.green(`- ${text}`.trimEnd());
  if (mark === '+') return c.red(`+ ${text}`.trimEnd());
  return `  ${text}`.trimEnd();
}

function prefixed(value: string, mark: '-' | '+', c: Palette): string[] {
  const paint = mark === '-' ? c.green : c.red;
  return value.split(/\r?\n/).map((l) => paint(`${mark} ${l}`.trimEnd()));
}

/** Both sides end in a newline so jsdiff adds no "\ No newline at end of file" markers. */
function withEol(value: string): string {
  return value.endsWith('\n') ? value : `${value}\n`;
}

function lineCount(value: string): number {
  return withEol(value).split('\n').length - 1;
}
