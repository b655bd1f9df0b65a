import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters as strip } from 'node:util';
import type { TestError } from '@aqe/kernel';
import type { WireError } from './protocol.js';

/** The test file a stack or stderr is read against: absolute path and the relative POSIX name results use. */
export interface FileNames {
  abs: string;
  rel: string;
}

/** A failed test's error: ANSI-free, with the assertion's diff and where in the test file it failed. */
export function testError(wire: WireError, file: FileNames): TestError {
  const message = strip(wire.message).trimEnd();
  const error: TestError = { message };
  if (wire.stack) error.stack = strip(wire.stack);
  if (wire.expected !== undefined) error.expected = strip(wire.expected);
  if (wire.actual !== undefined) error.actual = strip(wire.actual);
  // node:assert writes its diff into the message, after this header line.
  const diffAt = message.indexOf('+ actual - expected');
  if (diffAt !== -1) error.diff = message.slice(diffAt);
  const location = error.stack && locate(error.stack, file);
  if (location) error.location = location;
  return error;
}

const ERROR_LINE = /^(?:[A-Z][\w$]*(?:Error|Exception)|Error)(?: \[[\w$]+\])?: /;

/**
 * A file that failed outside its tests (failed to load, exited non-zero, was killed). The
 * reason is in what its process printed: Node prints the uncaught error to stderr.
 */
export function fileError(wire: WireError | undefined, stderr: readonly string[], file: FileNames, diagnostics: readonly string[] = []): TestError {
  const text = strip(stderr.join(''))
    .replace(/\n*Node\.js v\d+\.\d+\.\d+\s*$/, '')
    .replace(/^\n+|\s+$/g, '');
  const lines = text.split('\n');
  // Node notes errors thrown after the tests ended ("A resource generated asynchronous activity…") as diagnostics.
  const errorLine = lines.find((line) => ERROR_LINE.test(line)) ?? diagnostics.map(strip).findLast((line) => ERROR_LINE.test(line));
  const how = wire?.signal ? `was killed by ${wire.signal}` : typeof wire?.exitCode === 'number' ? `exited with code ${wire.exitCode}` : undefined;
  const reason = wire && wire.message !== 'test failed' ? strip(wire.message) : undefined;
  const message = errorLine ?? reason ?? (how ? `the test file's process ${how}${text ? `: ${lines.at(-1)}` : ''}` : 'the test file failed');
  const error: TestError = { message };
  if (text) error.stack = text;
  const location = text && locate(text, file);
  if (location) error.location = location;
  return error;
}

/**
 * The first `<file>:<line>[:<column>]` of the test file in a stack or in Node's uncaught-error
 * header (`file:///…/a.test.mjs:3`, then the source line and a caret under the column).
 */
export function locate(text: string, file: FileNames): TestError['location'] {
  const names = [pathToFileURL(file.abs).href, file.abs].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const at = new RegExp(`(?:${names.join('|')}):(\\d+)(?::(\\d+))?`);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = at.exec(lines[i]!);
    if (!match) continue;
    let column = match[2] === undefined ? undefined : Number(match[2]);
    if (column === undefined) {
      const caret = lines[i + 2]?.indexOf('^') ?? -1;
      column = caret >= 0 && /^\s*\^+\s*$/.test(lines[i + 2]!) ? caret + 1 : 1;
    }
    return { file: file.rel, line: Number(match[1]), column };
  }
  return undefined;
}
