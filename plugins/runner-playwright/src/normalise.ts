import { stripVTControlCharacters as stripAnsi } from 'node:util';
import type { ResultFile, TestCase, TestError, TestStatus } from '@aqe/kernel';
import { stackFramePath } from '@aqe/kernel/runner-kit';
import type { PlaywrightError, PlaywrightTestCase } from './run-protocol.js';

/** A `path:line:column` token in a stack: absolute, relative or a file:// URL. */
const POSITION = /([^\s()[\]'"`]+):(\d+):(\d+)/g;
/** The "Name: " Playwright's messages start with ("Error: expect(received)..."), which the error's own message does not have. */
const ERROR_NAME = /^\w*(?:Error|Exception)(?: \[\w+\])?: /;

/**
 * Playwright's outcome decides: `expected` (passed, or a `test.fail()` that failed) and `flaky`
 * (passed on a retry) are passed, `unexpected` failed, `skipped` skipped (test.skip, test.fixme,
 * and tests a stopped run never started).
 */
function statusOf(test: PlaywrightTestCase): TestStatus {
  if (test.outcome === 'unexpected') return 'failed';
  if (test.outcome === 'skipped') return 'skipped';
  return 'passed';
}

export function toTestCase(test: PlaywrightTestCase, file: ResultFile): TestCase {
  const status = statusOf(test);
  const error = status === 'failed' && test.errors.length > 0 ? toTestError(test.errors, file) : undefined;
  return {
    id: `${file.file} > ${test.titlePath.join(' > ')}`,
    file: file.file,
    titlePath: test.titlePath,
    location: { line: test.location.line, column: test.location.column },
    status,
    durationMs: Math.max(0, Math.round(test.durationMs)),
    retries: Math.max(0, test.retries),
    ...(test.output?.length ? { output: test.output } : {}),
    ...(error ? { error } : status === 'failed' ? { error: { message: `Playwright reported the test as ${test.status}` } } : {}),
  };
}

/**
 * A test's errors as one TestError: the first error's message (without "Error: "), stack,
 * the Expected/Received values expect printed into it, the diff and where in the test file it
 * failed. Further errors (soft assertions, a failing afterEach) are appended to the message.
 */
function toTestError(errors: readonly PlaywrightError[], file: ResultFile): TestError {
  const [first, ...more] = errors as [PlaywrightError, ...PlaywrightError[]];
  const text = stripAnsi(first.message ?? headerOf(first.stack ?? '')).replace(ERROR_NAME, '');
  let { message, diff } = splitDiff(text);
  const values = diff ? {} : expectedActual(text);
  for (const other of more) message += `\n\n${stripAnsi(other.message ?? headerOf(other.stack ?? '')).replace(ERROR_NAME, '')}`;
  const stack = first.stack === undefined ? undefined : stripAnsi(first.stack);
  const location = locate(first, stack ?? '', file);
  return {
    message: message || 'Error',
    ...(stack ? { stack } : {}),
    ...values,
    ...(diff ? { diff } : {}),
    ...(location ? { location } : {}),
  };
}

/** An error outside any test, for one file: it does not load (syntax error, a throw at import time). */
export function toFileError(error: PlaywrightError, file: ResultFile): TestError {
  const message = stripAnsi(error.message ?? headerOf(error.stack ?? '')).trim() || 'Playwright failed to load this file';
  const stack = error.stack === undefined ? undefined : stripAnsi(error.stack);
  const location = locate(error, stack ?? '', file);
  return { message, ...(stack && stack !== message ? { stack } : {}), ...(location ? { location } : {}) };
}

function headerOf(stack: string): string {
  const lines = stack.split('\n');
  const end = lines.findIndex((line) => /^\s+at /.test(line));
  return (end === -1 ? lines : lines.slice(0, end)).join('\n').trim();
}

/**
 * expect's one-line form "Expected: <value>\nReceived: <value>" (toBe, toEqual of primitives,
 * toHaveText...): the values as printed; a quoted string is unquoted (its value, as an editor diffs it).
 */
function expectedActual(text: string): { expected?: string; actual?: string } {
  const expected = /^Expected(?: string| pattern| value)?: (.*)$/m.exec(text)?.[1];
  const actual = /^Received(?: string| value)?: (.*)$/m.exec(text)?.[1];
  if (expected === undefined || actual === undefined) return {};
  return { expected: unquote(expected), actual: unquote(actual) };
}

function unquote(value: string): string {
  if (!/^".*"$/.test(value)) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/** expect prints a multi-line diff as "- Expected" then "+ Received" to the end of the message. */
function splitDiff(text: string): { message: string; diff?: string } {
  const lines = text.split('\n');
  const start = lines.findIndex((line, i) => /^- (?:Expected|Snapshot)\b/.test(line) && /^\+ Received\b/.test(lines[i + 1] ?? ''));
  if (start === -1) return { message: text.trim() };
  return { message: lines.slice(0, start).join('\n').trim(), diff: lines.slice(start).join('\n').trimEnd() };
}

/** Playwright's own error location when it is in the test file, else the first stack frame that is. */
function locate(error: PlaywrightError, stack: string, file: ResultFile): TestError['location'] {
  if (error.location && file.paths.has(error.location.file)) return { file: file.file, line: error.location.line, column: error.location.column };
  for (const match of stack.matchAll(POSITION)) {
    if (file.paths.has(stackFramePath(match[1]!, file.root))) return { file: file.file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
