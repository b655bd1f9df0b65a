import { stripVTControlCharacters as stripAnsi } from 'node:util';
import type { ResultFile, TestCase, TestError, TestStatus } from '@aqe/kernel';
import { stackFramePath } from '@aqe/kernel/runner-kit';
import type { JestFailure, JestTestCase } from './run-protocol.js';

/** A `path:line:column` token in a stack: absolute, relative or a file:// URL. */
const POSITION = /([^\s()[\]'"`]+):(\d+):(\d+)/g;
/** The first line of a stack frame. */
const FRAME = /^\s+at /;
/**
 * Frames of Jest's own machinery and of Node's internals, left out of stacks as Jest's
 * own output leaves them out (jest-message-util): what remains is the user's code.
 */
const INTERNAL_FRAMES = [
  /[/\\]node_modules[/\\](?:@jest[/\\][^/\\]+|jest-[^/\\]+|expect|babel-jest|pretty-format)[/\\]/,
  /\(node:[^)]*\)$|\bat node:/,
  /^\s+at (?:new )?Promise \(<anonymous>\)/,
  /^\s+at <anonymous>/,
  /^\s+at Generator\.next \(<anonymous>\)/,
];
/** The "Name: " a stack starts with, which the error's own message does not have. */
const ERROR_NAME = /^\w*(?:Error|Exception)(?: \[\w+\])?: /;

const STATUS: Record<string, TestStatus> = {
  passed: 'passed',
  focused: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'skipped',
  disabled: 'skipped',
  todo: 'todo',
};

export function toTestCase(test: JestTestCase, file: ResultFile): TestCase {
  const titlePath = [...test.ancestorTitles, test.title];
  const error = test.failures.length > 0 ? toTestError(test.failures, file) : undefined;
  return {
    id: `${file.file} > ${titlePath.join(' > ')}`,
    file: file.file,
    titlePath,
    ...(test.location ? { location: { line: test.location.line, column: test.location.column } } : {}),
    // A test Jest failed without a status it knows (none today) still counts as failed.
    status: STATUS[test.status] ?? (error ? 'failed' : 'skipped'),
    durationMs: Math.max(0, Math.round(test.durationMs ?? 0)),
    retries: Math.max(0, test.invocations - 1),
    ...(error ? { error } : {}),
    ...(test.output?.length ? { output: test.output } : {}),
  };
}

/**
 * A test's failures as one TestError: the first failure's message, stack, expected/actual,
 * the diff Jest printed into the message (moved out of it) and where in the test file it
 * failed. Further failures (an afterEach that threw too) are appended to the message.
 */
function toTestError(failures: readonly JestFailure[], file: ResultFile): TestError {
  const [first, ...more] = failures as [JestFailure, ...JestFailure[]];
  const stack = withoutInternalFrames(stripAnsi(first.stack));
  let { message, diff } = splitDiff(stripAnsi(first.message ?? headerOf(first.stack)));
  for (const other of more) message += `\n\n${stripAnsi(other.message ?? headerOf(other.stack))}`;
  const location = locateInStack(stack, file);
  return {
    message: message || 'Error',
    ...(stack ? { stack } : {}),
    ...(first.expected === undefined ? {} : { expected: stripAnsi(first.expected) }),
    ...(first.actual === undefined ? {} : { actual: stripAnsi(first.actual) }),
    ...(diff ? { diff } : {}),
    ...(location ? { location } : {}),
  };
}

/**
 * An error outside any test (testExecError): a file that does not compile or throws while
 * loading, a failing beforeAll/afterAll. A syntax error names its position only in text:
 * Babel as "<file>: message (line:column)", Node's compiler as "<file>:line" over a caret.
 */
export function toFileError(execError: { message: string; stack?: string }, file: ResultFile): TestError {
  const message = stripAnsi(execError.message).trim() || 'Jest failed to run this file';
  const stack = execError.stack === undefined ? undefined : withoutInternalFrames(stripAnsi(execError.stack));
  const location = locateInStack(stack ?? '', file) ?? locateSyntaxError(message, stack ?? '', file);
  return { message, ...(stack ? { stack } : {}), ...(location ? { location } : {}) };
}

/** The message part of a stack text (what comes before the first frame), without "Error: ". */
function headerOf(stack: string): string {
  const lines = stack.split('\n');
  const end = lines.findIndex((line) => FRAME.test(line));
  return (end === -1 ? lines : lines.slice(0, end)).join('\n').trim().replace(ERROR_NAME, '');
}

function withoutInternalFrames(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => !(FRAME.test(line) && INTERNAL_FRAMES.some((frame) => frame.test(line))))
    .join('\n')
    .trimEnd();
}

/**
 * Jest prints a diff into the message as "- Expected" (or "- Snapshot") then "+ Received",
 * to its end: that part is the diff, what comes before it the message (as Vitest splits them).
 */
function splitDiff(text: string): { message: string; diff?: string } {
  const lines = text.split('\n');
  const start = lines.findIndex((line, i) => /^- (?:Expected|Snapshot)\b/.test(line) && /^\+ Received\b/.test(lines[i + 1] ?? ''));
  if (start === -1) return { message: text };
  return { message: lines.slice(0, start).join('\n').trim(), diff: lines.slice(start).join('\n').trimEnd() };
}

/** The first `path:line:column` of the stack that is in the test file (Jest source-maps its stacks). */
function locateInStack(stack: string, file: ResultFile): TestError['location'] {
  for (const match of stack.matchAll(POSITION)) {
    if (file.paths.has(stackFramePath(match[1]!, file.root))) return { file: file.file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

function locateSyntaxError(message: string, stack: string, file: ResultFile): TestError['location'] {
  for (const path of file.paths) {
    // Babel: "/abs/file.js: Unexpected token (3:0)" (0-based column).
    if (message.startsWith(`${path}: `)) {
      const position = /\((\d+):(\d+)\)$/.exec(message.split('\n')[0]!);
      if (position) return { file: file.file, line: Number(position[1]), column: Number(position[2]) + 1 };
    }
    // Node's compiler, quoted by Jest: "/abs/file.js:3", the source line, then a caret under the column.
    const lines = stack.split('\n');
    const at = lines.findIndex((line) => line.startsWith(`${path}:`) && /^\d+$/.test(line.slice(path.length + 1)));
    if (at !== -1) {
      const caret = lines[at + 2]?.indexOf('^') ?? -1;
      return { file: file.file, line: Number(lines[at]!.slice(path.length + 1)), column: caret === -1 ? 1 : caret + 1 };
    }
  }
  return undefined;
}
