#!/usr/bin/env node
// Runs every suite in benchmarks/suites/, writes results/latest.json and prints a table.
//   node benchmarks/run.mjs [--filter <text>] [--repeat <n>] [--write-baseline]
// A suite is a module whose default export is an async function of a SuiteContext:
// it adds tinybench tasks named by metric id to ctx.bench, and/or returns
// { "<metric-id>": metric } for what it timed itself (whole processes).
import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { baselinePath } from './lib/baseline-file.mjs';
import { combineRuns } from './lib/combine-runs.mjs';
import { SCHEMA_VERSION, writeJson } from './lib/json-file.mjs';
import { kernelVersion, latestFile, suitesDir } from './lib/paths.mjs';
import { runSuite } from './lib/run-suite.mjs';
import { renderTable } from './lib/table.mjs';
import { removeTempDirs } from './lib/temp-dirs.mjs';

const { values: args } = parseArgs({
  options: {
    filter: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    'write-baseline': { type: 'boolean', default: false },
  },
});
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`--repeat must be a positive integer, got ${args.repeat}`);
  process.exit(2);
}
if (args['write-baseline'] && args.filter) {
  console.error('--write-baseline records every suite: drop --filter');
  process.exit(2);
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
const runs = [];
const failures = new Set();
for (let round = 1; round <= repeat; round++) {
  const metrics = {};
  for (const file of files) {
    const t0 = performance.now();
    try {
      Object.assign(metrics, await runSuite(file));
      console.error(`${repeat > 1 ? `[${round}/${repeat}] ` : ''}suite ${file} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      failures.add(file);
      console.error(`suite ${file} FAILED: ${error?.stack ?? error}`);
    }
  }
  runs.push(metrics);
  if (failures.size > 0) break;
}
removeTempDirs();

const metrics = failures.size > 0 ? runs.at(-1) : combineRuns(runs);
const results = { schemaVersion: SCHEMA_VERSION, version: kernelVersion(), node: process.version, metrics };
writeJson(latestFile, results);
console.log(renderTable(metrics));
console.log(`\n${Object.keys(metrics).length} metrics in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${latestFile}`);

if (failures.size > 0) {
  console.error(`\n${failures.size} suite(s) failed: ${[...failures].join(', ')}`);
  process.exitCode = 1;
} else if (args['write-baseline']) {
  const file = baselinePath(results.version);
  writeJson(file, results);
  console.log(`baseline written: ${file}`);
}
