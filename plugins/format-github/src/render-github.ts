import type { RunResult, TestError, TestFileResult } from '@aqe/kernel';
import { annotation } from './workflow-command.js';
import { repoPath, repoPathPrefix } from './repo-path.js';

/**
 * One `::error` annotation per failed test, on the line where it failed (else where it
 * is declared), titled with its title path; one per error outside any test; then a
 * plain summary line. Files in path order, tests in the runner's order; no durations,
 * so identical runs give identical bytes.
 */
export function renderGithub(result: RunResult, cwd: string): string {
  const prefix = repoPathPrefix(cwd);
  const path = (file: string) => repoPath(cwd, prefix, file);
  const lines: string[] = [];
  for (const file of sortFiles(result.files)) {
    if (file.error) {
      const at = file.error.location;
      lines.push(annotation('error', { file: path(at?.file ?? file.file), line: at?.line, col: at?.column, title: 'error outside any test (the file failed to load, or its runner crashed)' }, message(file.error)));
    }
    for (const test of file.tests) {
      if (test.status !== 'failed') continue;
      const at = test.error?.location ?? (test.location ? { file: file.file, ...test.location } : undefined);
      // A quarantined failure (aqe.quarantine.json) does not fail the run: a warning, not an error.
      const title = `${test.titlePath.join(' > ')}${test.quarantined ? ' (quarantined)' : ''}`;
      lines.push(annotation(test.quarantined ? 'warning' : 'error', { file: path(at?.file ?? file.file), line: at?.line, col: at?.column, title }, message(test.error)));
    }
  }
  lines.push(summary(result));
  return `${lines.join('\n')}\n`;
}

/** The message, then the framework's diff or expected/received when there is no diff. */
function message(error: TestError | undefined): string {
  if (!error) return 'failed without an error message';
  const parts = [error.message.trim() || 'failed without an error message'];
  if (error.diff?.trim()) parts.push('', error.diff.trimEnd());
  else if (error.expected !== undefined && error.actual !== undefined) parts.push('', `Expected: ${error.expected}`, `Received: ${error.actual}`);
  return parts.join('\n');
}

/** `aqe: 2 failed, 3 passed, 1 skipped, 1 todo (7 tests); 3 files, 1 with an error outside tests` */
function summary(result: RunResult): string {
  const s = result.summary;
  const fileErrors = result.files.filter((f) => f.error).length;
  const files = `${s.files} ${s.files === 1 ? 'file' : 'files'}${fileErrors > 0 ? `, ${fileErrors} with an error outside tests` : ''}`;
  return `aqe: ${s.failed} failed, ${s.passed} passed, ${s.skipped} skipped, ${s.todo} todo (${s.tests} ${s.tests === 1 ? 'test' : 'tests'}); ${files}`;
}

function sortFiles(files: readonly TestFileResult[]): TestFileResult[] {
  return [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.runner < b.runner ? -1 : a.runner > b.runner ? 1 : 0));
}
