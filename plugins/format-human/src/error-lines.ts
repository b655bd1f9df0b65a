import { isAbsolute, relative, sep } from 'node:path';
import type { TestError } from '@aqe/kernel';
import { codeFrame, type SourceCache } from './code-frame.js';
import type { Palette } from './palette.js';
import { frameworkDiff, valueDiff } from './value-diff.js';

/** Stack frames shown when there is no code frame to point at the failure. */
const MAX_STACK_FRAMES = 5;

/**
 * One error, unindented: its message, where it happened (`at file:line:col`), a code
 * frame around that line when the source can be read, then the framework's diff or,
 * when it gave none, a diff of expected vs actual. Without a location, the first
 * frames of the stack stand in for the code frame.
 */
export function errorLines(error: TestError | undefined, c: Palette, sources: SourceCache, cwd: string): string[] {
  if (!error) return [c.dim('(no error message)')];
  const out =
    error.message.trim() === ''
      ? [c.dim('(no error message)')]
      : error.message
          .replace(/\s+$/, '')
          .split(/\r?\n/)
          .map((l) => l.trimEnd());
  const at = error.location;
  const frame = at ? sourceFrame(at, c, sources) : undefined;
  if (at) out.push(c.dim(`at ${displayPath(cwd, at.file)}:${at.line}:${at.column}`));
  else out.push(...stackFrames(error.stack).map((l) => c.dim(l)));
  if (frame) out.push('', ...frame);
  const diff = error.diff?.trim() ? frameworkDiff(error.diff.replace(/\s+$/, ''), c) : error.expected !== undefined && error.actual !== undefined ? valueDiff(error.expected, error.actual, c) : [];
  if (diff.length > 0) out.push('', ...diff);
  return out;
}

function sourceFrame(at: NonNullable<TestError['location']>, c: Palette, sources: SourceCache): string[] | undefined {
  const lines = sources.lines(at.file);
  return lines ? codeFrame(lines, at.line, at.column, c) : undefined;
}

function stackFrames(stack: string | undefined): string[] {
  if (!stack) return [];
  return stack
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at ') && !l.includes('node:internal') && !l.includes(`${sep}node_modules${sep}`) && !l.includes('/node_modules/'))
    .slice(0, MAX_STACK_FRAMES);
}

/** Relative to the project root when inside it (short, and clickable in most terminals). */
function displayPath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}
