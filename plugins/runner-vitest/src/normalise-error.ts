import { stripVTControlCharacters as stripAnsi } from 'node:util';
import type { ResultFile as ErrorFile, TestError } from '@aqe/kernel';
import { stackFramePath } from '@aqe/kernel/runner-kit';
import type { WireError } from './protocol.js';

/** A `path:line:column` token in a stack or message: absolute, relative or a file:// URL. */
const POSITION = /([^\s()[\]'"`]+):(\d+):(\d+)/g;

/** The test file an error belongs to, to find where in it the error happened. */
export type { ResultFile as ErrorFile } from '@aqe/kernel';

/**
 * Vitest's error as aqe's TestError: colours stripped, `expected`/`actual` as Vitest
 * serialised them, and `location` = the first position in the test file, from Vitest's
 * source-mapped frames, else the stack text, else the message (a syntax error names
 * `file:line:column` only there).
 */
export function normaliseError(error: WireError, file?: ErrorFile): TestError {
  const message = stripAnsi(error.message).trim() || error.name || 'Error';
  const stack = error.stack === undefined ? undefined : stripAnsi(error.stack);
  const location = file ? locate(error, stack, message, file) : undefined;
  return {
    message,
    ...(stack ? { stack } : {}),
    ...(error.expected === undefined ? {} : { expected: stripAnsi(error.expected) }),
    ...(error.actual === undefined ? {} : { actual: stripAnsi(error.actual) }),
    ...(error.diff ? { diff: stripAnsi(error.diff) } : {}),
    ...(location ? { location } : {}),
  };
}

function locate(error: WireError, stack: string | undefined, message: string, file: ErrorFile): TestError['location'] {
  const frame = error.frames?.find((f) => file.paths.has(stackFramePath(f.file, file.root)));
  if (frame) return { file: file.file, line: frame.line, column: frame.column };
  for (const text of [stack, message]) {
    for (const match of text?.matchAll(POSITION) ?? []) {
      if (file.paths.has(stackFramePath(match[1]!, file.root))) return { file: file.file, line: Number(match[2]), column: Number(match[3]) };
    }
  }
  return undefined;
}
