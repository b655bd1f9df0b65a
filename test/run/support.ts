import type { PluginDefinition, RunnerCapability, RunOptions, RunResult, TestCase, TestFileResult } from '@aqe/kernel';

export { scratchDirs } from '../support/scratch-dirs.js';

/** Shared by the runner run() tests: each drives one runner plugin's run() on fixture projects. */

/** The runner a runner plugin registers in setup, which must include run(); setup may be async (runner-bun parses options first). */
export async function runnerOf(plugin: PluginDefinition<never>): Promise<RunnerCapability> {
  let runner: RunnerCapability | undefined;
  await plugin.setup({ runners: { add: (r: RunnerCapability) => (runner = r) } } as never);
  if (!runner?.run) throw new Error(`${plugin.name} registers no run()`);
  return runner;
}

export type RunEvent = ['start', string] | ['test', TestCase] | ['file', TestFileResult];

/** Runs `files` and records the stream of callbacks in order, passing them on to the caller's too. */
export async function recordRun(runnerOrSetup: RunnerCapability | Promise<RunnerCapability>, files: string[], options: RunOptions): Promise<{ result: RunResult; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const runner = await runnerOrSetup;
  const result = await runner.run!(files, {
    ...options,
    onFileStart: (file) => {
      events.push(['start', file]);
      options.onFileStart?.(file);
    },
    onTestResult: (test) => {
      events.push(['test', test]);
      options.onTestResult?.(test);
    },
    onFileResult: (file) => {
      events.push(['file', file]);
      options.onFileResult?.(file);
    },
  });
  return { result, events };
}

/** Runs `fn` with fixture variables set (each test file of aqe's suite has its own thread's env). */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The result of one file; throws naming the files there are. */
export function fileOf(result: RunResult, name: string): TestFileResult {
  const found = result.files.find((f) => f.file === name);
  if (!found) throw new Error(`no result for ${name}: ${result.files.map((f) => f.file).join(', ')}`);
  return found;
}

/** One test by id, in any file. */
export function testOf(result: RunResult, id: string): TestCase {
  const found = result.files.flatMap((f) => f.tests).find((t) => t.id === id);
  if (!found) throw new Error(`no test ${id}`);
  return found;
}
