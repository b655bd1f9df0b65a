import type { RunResult, TestCase, TestFileResult, TestOutput } from '@aqe/kernel';
import { classificationLines } from './classification-lines.js';
import { SourceCache } from './code-frame.js';
import { errorLines } from './error-lines.js';
import type { Palette } from './palette.js';

/**
 * Failures grouped by file, in the order of the result: a `FAIL <file>` header, then an
 * error outside any test (a load failure or a crash) labelled as such, then each failed
 * test's title path with its error, code frame and diff. Every block ends in a blank line.
 */
export function failureLines(result: RunResult, c: Palette, cwd: string): string[] {
  const sources = new SourceCache(cwd);
  const showRunner = new Set(result.files.map((f) => f.runner)).size > 1;
  const classes = new Map((result.classifications ?? []).map((k) => [k.testId, k]));
  return result.files.filter(isFailing).flatMap((file) => {
    const runner = showRunner || file.fallbackFrom ? c.dim(` (${file.runner}${file.fallbackFrom ? ` instead of ${file.fallbackFrom}, which could not load it` : ''})`) : '';
    const lines = [`${c.red(c.bold('FAIL'))} ${c.bold(file.file)}${runner}`];
    const body = (title: string, errorBody: string[]) => lines.push(`  ${c.red('✗')} ${title}`, ...errorBody.map((l) => (l === '' ? '' : `    ${l}`)), '');
    const verdict = (id: string) => classificationLines(c, classes.get(id), file.runner);
    if (file.error) body(c.red('error outside any test (the file failed to load, or its runner crashed)'), [...errorLines(file.error, c, sources, cwd), ...printed(file.output, c), ...verdict(file.file)]);
    const failed = file.tests.filter((t) => t.status === 'failed');
    for (const test of failed) body(title(test, c), [...errorLines(test.error, c, sources, cwd), ...printed(test.output, c), ...verdict(test.id)]);
    if (!file.error && failed.length === 0) body(c.red('the runner reported this file as failed without an error'), []);
    return lines;
  });
}

function isFailing(file: TestFileResult): boolean {
  return file.status === 'failed' || file.error !== undefined || file.tests.some((t) => t.status === 'failed');
}

function title(test: TestCase, c: Palette): string {
  const retried = test.retries > 0 ? c.dim(` (after ${test.retries} ${test.retries === 1 ? 'retry' : 'retries'})`) : '';
  const quarantined = test.quarantined ? c.yellow(' (quarantined: does not fail the run)') : '';
  return `${test.titlePath.join(c.dim(' > '))}${retried}${quarantined}`;
}

/** What the failing test printed, under its error (stderr lines marked), so the reader need not re-run it to see its logs. */
function printed(output: readonly TestOutput[] | undefined, c: Palette): string[] {
  if (!output || output.length === 0) return [];
  const lines = output.flatMap((o) =>
    o.text
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => (o.stream === 'stderr' ? c.yellow(line) : line)),
  );
  return ['', c.dim('console output:'), ...lines.map((line) => `${c.dim('│')} ${line}`)];
}
