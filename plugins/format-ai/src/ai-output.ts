import type { DiscoverReport, DoctorReport, FormatterInput, PluginReport, RunResult } from '@aqe/kernel';

/** Semver of the AI output contract (docs/schema/ai-output.v1.schema.json); minor adds fields, major breaks. */
export const AI_SCHEMA_VERSION = '1.0.0';

export interface AiOutput {
  schema: 'aqe-ai-output';
  schemaVersion: string;
  command: FormatterInput['kind'];
  ok: boolean;
  /** One sentence an assistant can quote. */
  summary: string;
  data: Record<string, unknown>;
  /** Suggested next actions, most useful first. */
  next: string[];
}

/** Maps every command's result to the one envelope; compact on purpose (assistants pay per token). */
export function toAiOutput(input: FormatterInput): AiOutput {
  const base = { schema: 'aqe-ai-output' as const, schemaVersion: AI_SCHEMA_VERSION, command: input.kind };
  switch (input.kind) {
    case 'discover':
      return { ...base, ...discover(input.data) };
    case 'run':
      return { ...base, ...run(input.data) };
    case 'plugins':
      return { ...base, ...plugins(input.data) };
    case 'doctor':
      return { ...base, ...doctor(input.data) };
    case 'config':
      return { ...base, ok: true, summary: 'Resolved aqe configuration.', data: { config: input.data }, next: [] };
  }
}

function discover(d: DiscoverReport) {
  const errors = d.runners.filter((r) => r.error);
  const counts = d.runners.map((r) => `${r.runner} ${r.files.length}`).join(', ');
  const next: string[] = errors.map((r) => `Fix the ${r.runner} configuration: ${r.error!.message}`);
  if (d.total === 0 && errors.length === 0) next.push('No test files were found: add tests, or check the frameworks\' include/testMatch settings.');
  return {
    ok: errors.length === 0,
    summary: d.runners.length === 0 ? 'No test framework detected.' : `${d.total} test files (${counts}).`,
    data: {
      total: d.total,
      runners: d.runners.map((r) => ({ runner: r.runner, count: r.files.length, configFiles: r.configFiles, files: r.files, ...(r.error ? { error: r.error } : {}) })),
    },
    next,
  };
}

function run(r: RunResult) {
  const failures = r.files.flatMap((f) => [
    ...(f.error ? [{ id: `${f.file} (file)`, file: f.file, titlePath: [], error: f.error }] : []),
    ...f.tests.filter((t) => t.status === 'failed').map((t) => ({ id: t.id, file: t.file, titlePath: t.titlePath, ...(t.location ? { location: t.location } : {}), ...(t.error ? { error: t.error } : {}) })),
  ]);
  const s = r.summary;
  return {
    ok: failures.length === 0,
    summary: `${s.tests} tests in ${s.files} files: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.todo} todo.`,
    data: { summary: { files: s.files, tests: s.tests, passed: s.passed, failed: s.failed, skipped: s.skipped, todo: s.todo }, failures },
    next: failures.length > 0 ? ['Fix the failures listed in data.failures, then re-run only those files with `aqe run <file>`.'] : [],
  };
}

function plugins(list: PluginReport[]) {
  const bad = list.filter((p) => p.status !== 'active');
  return {
    ok: bad.length === 0,
    summary: `${list.length} plugins, ${list.length - bad.length} active, ${bad.length} with problems.`,
    data: { plugins: list },
    next: bad.flatMap((p) => p.problems.map((q) => `${p.name}: ${q.fix}`)),
  };
}

function doctor(d: DoctorReport) {
  const next = [
    ...(d.node.ok ? [] : [`Use Node ${d.node.required}.`]),
    ...d.plugins.filter((p) => p.status !== 'active').flatMap((p) => p.problems.map((q) => `${p.name}: ${q.fix}`)),
  ];
  return { ok: d.ok, summary: d.ok ? 'aqe is healthy.' : `aqe found ${next.length} problem(s).`, data: { doctor: d }, next };
}
