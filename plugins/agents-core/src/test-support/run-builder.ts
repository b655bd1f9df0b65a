import type { RunResult, Store, TestCase, TestError, TestFileResult } from '@aqe/kernel';
import type { AgentContext } from '@aqe/workers/agent';
import { historyFileKey, historyTestKey } from '@aqe/kernel/store';

export interface TestSpec {
  file: string;
  title: string;
  status: TestCase['status'];
  error?: TestError;
}

/** A RunResult as a runner would report it, files and tests in order. */
export function runOf(tests: readonly TestSpec[], fileErrors: readonly { file: string; error: TestError }[] = []): RunResult {
  const files = new Map<string, TestFileResult>();
  const fileOf = (file: string) => {
    let f = files.get(file);
    if (!f) {
      f = { file, runner: 'vitest', status: 'passed', durationMs: 1, tests: [] };
      files.set(file, f);
    }
    return f;
  };
  for (const t of tests) {
    const f = fileOf(t.file);
    f.tests.push({ id: `${t.file} > ${t.title}`, file: t.file, titlePath: [t.title], status: t.status, durationMs: 1, retries: 0, ...(t.error ? { error: t.error } : {}) });
    if (t.status === 'failed') f.status = 'failed';
  }
  for (const e of fileErrors) Object.assign(fileOf(e.file), { status: 'failed', error: e.error });
  const all = [...files.values()].flatMap((f) => f.tests);
  const count = (s: TestCase['status']) => all.filter((t) => t.status === s).length;
  return { files: [...files.values()], summary: { files: files.size, tests: all.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), todo: count('todo'), durationMs: 1 } };
}

/** What kernel/src/run/history.ts writes for each test of a run: the file's content hash with the outcome. */
export async function recordHistory(store: Store, run: RunResult, hashes: Record<string, string>): Promise<void> {
  const db = store.db<unknown>('history');
  for (const f of run.files) {
    const hash = hashes[f.file] ?? null;
    await db.put(historyFileKey(f.runner, f.file), { durationMs: 1, status: f.status, hash, at: 0 });
    for (const t of f.tests) {
      const previous = (db.get(historyTestKey(t.id)) as unknown[] | undefined) ?? [];
      await db.put(historyTestKey(t.id), [...previous, { status: t.status, durationMs: 1, hash, at: 0, commit: null, retries: 0 }]);
    }
  }
}

/** The task context a pool worker gives an agent. */
export function contextWith(store: Store): AgentContext {
  return { signal: new AbortController().signal, progress: () => {}, emit: () => {}, store, agent: { name: 'test', version: '0.0.0' } };
}
