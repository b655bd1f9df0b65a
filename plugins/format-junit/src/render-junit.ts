import type { RunResult, TestCase, TestError, TestFileResult, TestOutput } from '@aqe/kernel';
import { escapeAttr, escapeText } from './xml-escape.js';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * JUnit XML as Jenkins, GitLab and the GitHub test-report actions read it: one
 * `<testsuite>` per test file (sorted by file, then runner), its test cases in the
 * runner's order. A failed test is a `<failure>`; an error outside any test (the file
 * failed to load, or its runner crashed) is an `<error>` in a test case named after
 * the file, as jest-junit reports suites that could not run. Skipped and todo tests
 * are `<skipped/>`. Times are seconds, as the format wants.
 */
export function renderJunit(result: RunResult): string {
  const files = [...result.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.runner < b.runner ? -1 : a.runner > b.runner ? 1 : 0));
  const suites = files.map((file) => suite(file));
  const total = suites.reduce<Counts>((sum, s) => ({ tests: sum.tests + s.counts.tests, failures: sum.failures + s.counts.failures, errors: sum.errors + s.counts.errors, skipped: sum.skipped + s.counts.skipped }), {
    tests: 0,
    failures: 0,
    errors: 0,
    skipped: 0,
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="aqe"${countAttrs(total)} time="${seconds(result.summary.durationMs)}">`, ...suites.flatMap((s) => s.lines), '</testsuites>', ''].join('\n');
}

function suite(file: TestFileResult): { counts: Counts; lines: string[] } {
  const counts: Counts = {
    tests: file.tests.length + (file.error ? 1 : 0),
    failures: file.tests.filter((t) => t.status === 'failed').length,
    errors: file.error ? 1 : 0,
    skipped: file.tests.filter((t) => t.status === 'skipped' || t.status === 'todo').length,
  };
  const cases = file.tests.flatMap((t) => testCase(file.file, t));
  if (file.error) cases.unshift(...fileErrorCase(file.file, file.error));
  return { counts, lines: [`  <testsuite name="${escapeAttr(file.file)}"${countAttrs(counts)} time="${seconds(file.durationMs)}">`, ...cases, ...outputLines(file.output, '    '), '  </testsuite>'] };
}

function testCase(file: string, test: TestCase): string[] {
  const line = test.location?.line ?? (test.error?.location?.file === file ? test.error.location.line : undefined);
  const open = `    <testcase classname="${escapeAttr(file)}" name="${escapeAttr(test.titlePath.join(' > '))}" file="${escapeAttr(file)}"${line === undefined ? '' : ` line="${line}"`} time="${seconds(test.durationMs)}"`;
  const output = outputLines(test.output, '      ');
  switch (test.status) {
    case 'passed':
      return output.length === 0 ? [`${open}/>`] : [`${open}>`, ...output, '    </testcase>'];
    case 'skipped':
      return [`${open}>`, '      <skipped/>', ...output, '    </testcase>'];
    case 'todo':
      return [`${open}>`, '      <skipped message="todo"/>', ...output, '    </testcase>'];
    case 'failed':
      return [`${open}>`, problem('failure', test.error, 'AssertionError'), ...output, '    </testcase>'];
  }
}

/** What a test (or a file outside its tests) printed: `<system-out>` and `<system-err>`, as JUnit readers show them. */
function outputLines(output: readonly TestOutput[] | undefined, indent: string): string[] {
  if (!output || output.length === 0) return [];
  const of = (stream: TestOutput['stream']) =>
    output
      .filter((o) => o.stream === stream)
      .map((o) => o.text)
      .join('');
  const out = of('stdout');
  const err = of('stderr');
  return [...(out ? [`${indent}<system-out>${escapeText(out)}</system-out>`] : []), ...(err ? [`${indent}<system-err>${escapeText(err)}</system-err>`] : [])];
}

function fileErrorCase(file: string, error: TestError): string[] {
  const line = error.location?.line;
  return [`    <testcase classname="${escapeAttr(file)}" name="${escapeAttr(file)}" file="${escapeAttr(file)}"${line === undefined ? '' : ` line="${line}"`} time="0.000">`, problem('error', error, 'Error'), '    </testcase>'];
}

/** `<failure>`/`<error>`: the message in the attribute, the stack (or message) and the diff as text. */
function problem(tag: 'failure' | 'error', error: TestError | undefined, fallbackType: string): string {
  if (!error) return `      <${tag} message="" type="${fallbackType}"/>`;
  const body = [error.stack?.trim() ? error.stack : error.message];
  if (error.diff?.trim()) body.push('', error.diff);
  else if (error.expected !== undefined && error.actual !== undefined) body.push('', 'Expected:', error.expected, '', 'Received:', error.actual);
  return `      <${tag} message="${escapeAttr(error.message)}" type="${escapeAttr(errorType(error) ?? fallbackType)}">${escapeText(body.join('\n'))}</${tag}>`;
}

/** The error's class when its stack or message starts with one (`TypeError: ...`). */
function errorType(error: TestError): string | undefined {
  const first = (error.stack ?? error.message).trimStart();
  return /^((?:[A-Z][\w$]*)?(?:Error|Exception))(?::|\s|$)/.exec(first)?.[1];
}

function countAttrs(c: Counts): string {
  return ` tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
