#!/usr/bin/env node
// Compares a benchmark run with a baseline and gates on regressions.
//   node benchmarks/compare.mjs [baseline.json] [latest.json] [--threshold <percent>]
// Defaults: results/latest.json against baselines/<its version>.json, threshold 10.
// Prints a markdown table, writes it to results/compare.md (the PR comment) and
// exits 1 when a tracked metric regressed past the threshold or went missing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findBaseline } from './lib/baseline-file.mjs';
import { compareMetrics, renderMarkdown } from './lib/compare-metrics.mjs';
import { readResults } from './lib/json-file.mjs';
import { compareFile, latestFile, root } from './lib/paths.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { threshold: { type: 'string', default: '10' } },
});
const thresholdPct = Number(values.threshold);
if (!Number.isFinite(thresholdPct) || thresholdPct < 0) {
  console.error(`--threshold must be a non-negative number of percent, got ${values.threshold}`);
  process.exit(2);
}

/** Unreadable input is a usage error (exit 2), not a regression (exit 1). */
function readOrExit(file) {
  try {
    return readResults(file);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
}

const latestPath = positionals[1] ?? latestFile;
const latest = readOrExit(latestPath);
let baselinePath = positionals[0];
if (!baselinePath) {
  const found = findBaseline(latest.version);
  if (!found) {
    console.error(`no baseline for ${latest.version} in benchmarks/baselines/: record one with \`node benchmarks/run.mjs --write-baseline\``);
    process.exit(2);
  }
  if (!found.exact) console.error(`no baseline for ${latest.version} yet; comparing with the newest older one, ${found.file}`);
  baselinePath = found.file;
}
const baseline = readOrExit(baselinePath);

const rows = compareMetrics(baseline.metrics, latest.metrics, thresholdPct);
const { markdown, failing } = renderMarkdown(rows, {
  thresholdPct,
  baselineLabel: resolve(baselinePath).startsWith(root) ? relative(root, resolve(baselinePath)) : baselinePath,
  baseline,
  latest,
});
mkdirSync(dirname(compareFile), { recursive: true });
writeFileSync(compareFile, markdown);
console.log(markdown);
if (failing.length > 0) {
  console.error(`regressed or missing: ${failing.map((r) => r.id).join(', ')}`);
  process.exitCode = 1;
}
