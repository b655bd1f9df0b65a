import type { RunResult, TestCase, TestFileResult } from '@aqe/kernel';
import { type Classifications, classificationsOf, classSuggestions, classView, type FailureClassView } from './classified.js';
import { type ActionSuggestion, type Body, shellQuote } from './envelope.js';
import { noticeWarnings } from './run-notices.js';

interface Failure {
  id: string;
  file: string;
  titlePath: string[];
  line: number | null;
  column: number | null;
  message: string;
  expected?: string;
  actual?: string;
  diff?: string;
  /** The first stack frame in the test file or the project's own code, not the framework's. */
  stackFrame?: string;
  /** The failure-classifier's verdict, when it ran. */
  classification?: FailureClassView;
  /** Listed in aqe.quarantine.json: reported, but it does not fail the run. */
  quarantined?: true;
  /** The end of what the failure printed (bounded), when it printed anything. */
  output?: string;
}

const RUNNER_PACKAGES: Record<string, string> = { vitest: 'vitest', jest: 'jest', playwright: '@playwright/test', bun: 'bun' };
const SNAPSHOT = /snapshot/i;
const MISSING_RUNNER = /cannot be resolved|not installed|Cannot find (module|package) '(vitest|jest|@playwright\/test)/i;

/** `aqe run` for an assistant: failures with everything needed to act, passes only as counts. */
export function testResults(run: RunResult, timing: boolean, cwd: string): Body {
  const rel = relativiser(cwd);
  const classes = classificationsOf(run);
  const failures = run.files.flatMap((f) => [
    ...(f.error ? [{ ...fileFailure(f, rel), ...classView(classes, f.file) }] : []),
    ...f.tests.filter((t) => t.status === 'failed').map((t) => ({ ...testFailure(t, rel), ...classView(classes, t.id) })),
  ]);
  const s = run.summary;
  const failed = failures.some((f) => !f.quarantined);
  return {
    status: failed ? 'failure' : s.tests === 0 || s.quarantined ? 'warning' : 'success',
    summary: {
      message: `${s.tests} tests in ${s.files} files: ${s.passed} passed, ${s.failed} failed${s.quarantined ? ` (${s.quarantined} quarantined, not failing the run)` : ''}, ${s.skipped} skipped, ${s.todo} todo${run.files.some((f) => f.error) ? `; ${run.files.filter((f) => f.error).length} files failed to run` : ''}.`,
      files: s.files,
      tests: s.tests,
      passed: s.passed,
      failed: s.failed,
      ...(s.quarantined ? { quarantined: s.quarantined } : {}),
      skipped: s.skipped,
      todo: s.todo,
      ...(timing ? { durationMs: s.durationMs } : {}),
    },
    data: { failures, ...(timing ? { files: run.files.map((f) => ({ file: f.file, runner: f.runner, durationMs: f.durationMs })) } : {}) },
    actionSuggestions: run.files.flatMap((f) => suggestionsFor(f, classes)),
    warnings: [...(s.tests === 0 && !failed ? [{ code: 'AQE_NO_TESTS', message: 'No tests ran: check the paths, --runner and -t given.' }] : []), ...noticeWarnings(run)],
    errors: run.files.filter((f) => f.error).map((f) => ({ code: 'AQE_TEST_FILE_FAILED', message: `${f.file}: ${f.error!.message.split('\n')[0]}` })),
  };
}

/** Repo-relative paths only: the same run on another checkout must read the same. */
function relativiser(cwd: string): (text: string) => string {
  if (cwd === '') return (text) => text;
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return (text) => text.split(prefix).join('');
}

function testFailure(t: TestCase, rel: (s: string) => string): Failure {
  const e = t.error;
  const frame = e?.stack ? firstAppFrame(rel(e.stack)) : undefined;
  return {
    id: t.id,
    file: t.file,
    titlePath: t.titlePath,
    line: e?.location?.line ?? t.location?.line ?? null,
    column: e?.location?.column ?? t.location?.column ?? null,
    message: rel(e?.message ?? 'failed'),
    ...(e?.expected !== undefined ? { expected: e.expected } : {}),
    ...(e?.actual !== undefined ? { actual: e.actual } : {}),
    ...(e?.diff !== undefined ? { diff: e.diff } : {}),
    ...(frame ? { stackFrame: frame } : {}),
    ...(t.quarantined ? { quarantined: true as const } : {}),
    ...printed(t.output, rel),
  };
}

/** An assistant needs the end of what a failure printed, not the whole log: the last characters, paths relative. */
const OUTPUT_CHARS = 2000;
function printed(output: TestCase['output'], rel: (s: string) => string): { output?: string } {
  if (!output || output.length === 0) return {};
  const text = rel(output.map((o) => o.text).join(''));
  return { output: text.length > OUTPUT_CHARS ? text.slice(-OUTPUT_CHARS) : text };
}

function fileFailure(f: TestFileResult, rel: (s: string) => string): Failure {
  return { id: `${f.file} (file)`, file: f.file, titlePath: [], line: f.error?.location?.line ?? null, column: f.error?.location?.column ?? null, message: rel(f.error!.message), ...printed(f.output, rel) };
}

function firstAppFrame(stack: string): string | undefined {
  return stack
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('at ') && !/node_modules|node:internal|\(node:/.test(l));
}

function suggestionsFor(f: TestFileResult, classes: Classifications): ActionSuggestion[] {
  const failing = f.tests.filter((t) => t.status === 'failed' && !t.quarantined);
  if (!f.error && failing.length === 0) return [];
  const rerun = `npx aqe run ${shellQuote(f.file)}`;
  if (f.error && MISSING_RUNNER.test(f.error.message)) {
    const pkg = RUNNER_PACKAGES[f.runner] ?? f.runner;
    return [
      {
        action: 'install_runner',
        priority: 'critical',
        reason: `${f.runner} is not installed in the project: ${f.error.message.split('\n')[0]}`,
        affectedTests: [],
        targetFiles: [f.file],
        steps: [`Install ${pkg} as a dev dependency`, 'Re-run the file'],
        automation: { command: `npm install --save-dev ${shellQuote(pkg)}`, canAutoFix: true, confidence: 0.9 },
      },
    ];
  }
  const classified = classSuggestions(f, failing, classes);
  const snapshots = failing.filter((t) => !classified.handled.has(t) && (classes.get(t.id)?.class ?? (SNAPSHOT.test(t.error?.message ?? '') ? 'snapshot' : undefined)) === 'snapshot');
  const out: ActionSuggestion[] = [];
  if (snapshots.length > 0) {
    const update = f.runner === 'jest' ? `npx jest ${shellQuote(f.file)} -u` : f.runner === 'vitest' ? `npx vitest run ${shellQuote(f.file)} -u` : null;
    out.push({
      action: 'update_snapshots',
      priority: 'medium',
      reason: `${snapshots.length} snapshot mismatch(es) in ${f.file}: update them if the new output is intended`,
      affectedTests: snapshots.map((t) => t.id).sort(),
      targetFiles: [f.file],
      steps: ['Check that the new output is the intended behaviour', 'Update the snapshots', 'Re-run the file'],
      automation: { command: update, canAutoFix: update !== null, confidence: 0.6 },
    });
  }
  out.push(...classified.suggestions);
  const others = failing.filter((t) => !snapshots.includes(t) && !classified.handled.has(t));
  if (f.error || others.length > 0) {
    out.push({
      action: 'fix_test_failures',
      priority: f.error ? 'critical' : 'high',
      reason: f.error ? `${f.file} failed to run: ${f.error.message.split('\n')[0]}` : `${others.length} failing test(s) in ${f.file}`,
      affectedTests: others.map((t) => t.id).sort(),
      targetFiles: [f.file],
      steps: f.error ? ['Fix the error that stops the file from loading (syntax, import, setup)', 'Re-run the file'] : ['Read each failure: message, expected and actual, location', 'Fix the code under test or the test', 'Re-run the file'],
      automation: { command: rerun, canAutoFix: false, confidence: 0.5 },
    });
  }
  return out;
}
