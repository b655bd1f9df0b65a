// Runs one suite file: a fresh tinybench Bench per suite, the suite's own timings
// merged with its tasks', and its teardowns always run.
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { fromTask } from './metric.mjs';
import { root, suitesDir } from './paths.mjs';
import { makeTempDir } from './temp-dirs.mjs';

// Small budgets keep the whole `npm run bench` (build included) under its 60 s target
// on a 2-core machine. Suites with expensive tasks lower `iterations` themselves.
const DEFAULT_BENCH_OPTIONS = { time: 200, warmupTime: 100, iterations: 10, warmupIterations: 3, throws: true };

/** @returns {Promise<Record<string, object>>} metrics by id */
export async function runSuite(file) {
  const mod = await import(pathToFileURL(join(suitesDir, file)).href);
  const name = basename(file, '.mjs');
  const bench = new Bench({ name, ...DEFAULT_BENCH_OPTIONS, ...mod.benchOptions });
  const teardowns = [];
  const ctx = {
    bench,
    root,
    tempDir: (label = name) => makeTempDir(label),
    onTeardown: (fn) => teardowns.push(fn),
  };
  try {
    const metrics = { ...((await mod.default(ctx)) ?? {}) };
    if (bench.tasks.length > 0) await bench.run();
    for (const task of bench.tasks) metrics[task.name] = fromTask(task);
    return metrics;
  } finally {
    // Reverse order: the last resource opened may depend on an earlier one.
    for (const fn of teardowns.reverse()) await fn();
  }
}
