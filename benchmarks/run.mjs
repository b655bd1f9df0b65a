#!/usr/bin/env node
// Runs every suite in benchmarks/suites/, writes results/latest.json and prints a table.
//   node benchmarks/run.mjs [--filter <text>] [--write-baseline]
// A suite is a module whose default export is an async function of a SuiteContext:
// it adds tinybench tasks named by metric id to ctx.bench, and/or returns
// { "<metric-id>": metric } for what it timed itself (whole processes).
import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { SCHEMA_VERSION, writeJson } from './lib/json-file.mjs';
import { baselinePath } from './lib/baseline-file.mjs';
import { fromTask } from './lib/metric.mjs';
import { kernelVersion, latestFile, root, suitesDir } from './lib/paths.mjs';
import { renderTable } from './lib/table.mjs';
import { makeTempDir, removeTempDirs } from './lib/temp-dirs.mjs';

// Small budgets keep the whole `npm run bench` (build included) under the 60 s target
// on a 2-core machine; medians over a few hundred ms of samples are stable enough for
// a 10% regression gate. Suites with expensive tasks lower `iterations` themselves.
const DEFAULT_BENCH_OPTIONS = { time: 200, warmupTime: 100, iterations: 10, warmupIterations: 3, throws: true };

const { values: args } = parseArgs({
  options: { filter: { type: 'string' }, 'write-baseline': { type: 'boolean', default: false } },
});

if (args['write-baseline'] && args.filter) {
  console.error('--write-baseline records every suite: drop --filter');
  process.exit(2);
}

async function runSuite(file) {
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
    const own = (await mod.default(ctx)) ?? {};
    if (bench.tasks.length > 0) await bench.run();
    const metrics = { ...own };
    for (const task of bench.tasks) metrics[task.name] = fromTask(task);
    return metrics;
  } finally {
    // Reverse order: the last resource opened may depend on an earlier one.
    for (const fn of teardowns.reverse()) await fn();
  }
}

// Medians shrug off the odd slow sample, not a machine that is busy throughout: say so,
// so nobody records a baseline or chases a "regression" measured under load.
const load = loadavg()[0];
if (load > availableParallelism() / 2) {
  console.error(`warning: load average ${load.toFixed(2)} on ${availableParallelism()} cores; timings will be noisy`);
}

const started = performance.now();
const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => !args.filter || f.includes(args.filter))
  .sort();
const metrics = {};
const failures = [];
for (const file of files) {
  const t0 = performance.now();
  try {
    Object.assign(metrics, await runSuite(file));
    console.error(`suite ${file} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push(file);
    console.error(`suite ${file} FAILED: ${error?.stack ?? error}`);
  }
}
removeTempDirs();

const results = { schemaVersion: SCHEMA_VERSION, version: kernelVersion(), node: process.version, metrics };
writeJson(latestFile, results);
console.log(renderTable(metrics));
console.log(`\n${Object.keys(metrics).length} metrics in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${latestFile}`);

if (failures.length > 0) {
  console.error(`\n${failures.length} suite(s) failed: ${failures.join(', ')}`);
  process.exitCode = 1;
} else if (args['write-baseline']) {
  const file = baselinePath(results.version);
  writeJson(file, results);
  console.log(`baseline written: ${file}`);
}
