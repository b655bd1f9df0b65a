import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestCase, TestError, TestStatus } from '@aqe/kernel';
import { relativeInside } from '@aqe/kernel/runner-kit';
import type { XmlElement } from './junit.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';

/** A `path:line:column` token in a stack: absolute or relative. */
const POSITION = /([^\s()[\]'"`]+):(\d+):(\d+)/g;
const FRAME = /^\s+at /;
const ERROR_NAME = /^\w*(?:Error|Exception)(?: \[\w+\])?: /;

/** Relative POSIX path of `path` (absolute, or relative to `root`) under `root`, or undefined when it is outside. */
function inside(root: string, path: string): string | undefined {
  return relativeInside(root, resolve(root, path));
}

/** Per file (relative POSIX, as bun names it under the run's cwd): its tests in document order. */
export function junitTests(root: string, suites: XmlElement): Map<string, { durationMs: number; tests: TestCase[] }> {
  const byFile = new Map<string, { durationMs: number; tests: TestCase[] }>();
  for (const suite of suites.children) {
    if (suite.name !== 'testsuite') continue;
    const file = inside(root, suite.attrs.file ?? suite.attrs.name ?? '');
    if (file === undefined) continue;
    const entry = byFile.get(file) ?? { durationMs: 0, tests: [] };
    entry.durationMs += seconds(suite.attrs.time);
    collect(root, file, suite, [], entry.tests);
    byFile.set(file, entry);
    addColumns(join(root, file), entry.tests);
  }
  return byFile;
}

/**
 * The tests under a file's suite. The describe chain comes from the nested testsuites
 * (bun's `classname` lists them innermost first, so it is not used).
 */
function collect(root: string, file: string, suite: XmlElement, describes: string[], out: TestCase[]): void {
  for (const child of suite.children) {
    if (child.name === 'testsuite') collect(root, file, child, [...describes, child.attrs.name ?? ''], out);
    else if (child.name === 'testcase') out.push(toTestCase(root, file, child, describes));
  }
}

function toTestCase(root: string, file: string, el: XmlElement, describes: string[]): TestCase {
  const titlePath = [...describes, el.attrs.name ?? ''];
  const failure = el.children.find((c) => c.name === 'failure' || c.name === 'error');
  const skipped = el.children.find((c) => c.name === 'skipped');
  let status: TestStatus = 'passed';
  if (failure) status = 'failed';
  else if (skipped) status = skipped.attrs.message === 'TODO' ? 'todo' : 'skipped';
  const line = Number(el.attrs.line);
  const error = failure ? toTestError(root, file, failure.attrs.message ?? '', failure.text) : undefined;
  return {
    id: `${file} > ${titlePath.join(' > ')}`,
    file,
    titlePath,
    // bun gives the declaration's line only; addColumns finds the column in the source.
    ...(line > 0 ? { location: { line, column: 1 } } : {}),
    status,
    durationMs: Math.round(seconds(el.attrs.time) * 1000),
    retries: 0,
    ...(error ? { error } : {}),
  };
}

/** bun's JUnit has the line of a test's declaration only: its column is the line's first non-blank character. */
function addColumns(path: string, tests: TestCase[]): void {
  let lines: string[];
  try {
    lines = readFileSync(path, 'utf8').split('\n');
  } catch {
    return;
  }
  for (const test of tests) {
    if (!test.location) continue;
    const text = lines[test.location.line - 1];
    if (text !== undefined) test.location.column = text.search(/\S|$/) + 1;
  }
}

function seconds(value: string | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** A failure as bun reports it: its message, and a stack (`Name: message` then `at` frames). */
function toTestError(root: string, file: string, rawMessage: string, rawStack: string): TestError {
  const stack = stripAnsi(rawStack).trimEnd();
  const message = stripAnsi(
    rawMessage ||
      stack
        .split('\n')
        .filter((l) => !FRAME.test(l))
        .join('\n')
        .replace(ERROR_NAME, ''),
  ).trimEnd();
  const error: TestError = { message };
  if (stack) error.stack = stack;
  Object.assign(error, expectation(message));
  const location = locate(root, file, stack);
  if (location) error.location = location;
  return error;
}

/** `Expected: x` / `Received: y` lines of bun's matchers, and the `- Expected / + Received` diff. */
function expectation(message: string): Pick<TestError, 'expected' | 'actual' | 'diff'> {
  const out: Pick<TestError, 'expected' | 'actual' | 'diff'> = {};
  const expected = /^Expected: (.*)$/m.exec(message);
  const received = /^Received: (.*)$/m.exec(message);
  if (expected && received) {
    out.expected = expected[1]!;
    out.actual = received[1]!;
  }
  const diffAt = message.search(/^- Expected/m);
  if (diffAt !== -1) out.diff = message.slice(diffAt).trim();
  return out;
}

/** The first stack position inside `file`. */
function locate(root: string, file: string, stack: string): TestError['location'] {
  for (const line of stack.split('\n')) {
    for (const [, path, l, c] of line.matchAll(POSITION)) {
      if (path && inside(root, path) === file) return { file, line: Number(l), column: Number(c) };
    }
  }
  return undefined;
}

const HEADER = /^(\S[^\n]*):$/;
const RULE = /^-{10,}$/;

/**
 * Errors bun printed outside any test ("# Unhandled error between tests": a file that does not
 * load, a throwing hook), by file, from its human output on stderr (the JUnit report leaves them out).
 * bun runs files one after the other and heads each file's output with `path:`.
 */
export function errorsOutsideTests(root: string, stderr: string, files: ReadonlySet<string>): Map<string, TestError> {
  const errors = new Map<string, TestError>();
  const lines = stripAnsi(stderr).split('\n');
  let current: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = HEADER.exec(line);
    if (header) {
      const file = inside(root, header[1]!);
      if (file !== undefined && files.has(file)) current = file;
      continue;
    }
    if (current === undefined || !/^# Unhandled error/.test(line)) continue;
    const block: string[] = [];
    let j = i + 1;
    if (RULE.test(lines[j] ?? '')) j++;
    for (; j < lines.length && !RULE.test(lines[j]!); j++) block.push(lines[j]!);
    i = j;
    const error = blockError(root, current, block);
    const previous = errors.get(current);
    if (previous) previous.message += `\n\n${error.message}`;
    else errors.set(current, error);
  }
  return errors;
}

/** A printed error: a code frame (`n | ...`, `^`), then `error: message` (or `Name: message`), then `at` frames. */
function blockError(root: string, file: string, block: string[]): TestError {
  const start = block.findIndex((l) => /^(?:error|\w*(?:Error|Exception)):? /.test(l));
  const body = start === -1 ? block : block.slice(start);
  const frames = body.findIndex((l) => FRAME.test(l));
  const messageLines = frames === -1 ? body : body.slice(0, frames);
  const message =
    messageLines
      .join('\n')
      .replace(/^error: /, '')
      .trim() || 'bun reported an error outside any test';
  const stack = block.join('\n').trim();
  const error: TestError = { message, ...(stack ? { stack } : {}) };
  const location = locate(root, file, body.join('\n'));
  if (location) error.location = location;
  return error;
}
